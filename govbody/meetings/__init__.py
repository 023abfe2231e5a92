"""Sessions of a body, their officers, and the numbered meetings within them."""
