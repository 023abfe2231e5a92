"""Loaded by the schemathesis run (SCHEMATHESIS_HOOKS): a request body of a file's media type is
sent as the raw bytes generated (PUT /documents/{id}/files/{lang} takes a DOCX or a PDF so)."""
import schemathesis
from schemathesis.transport.serialization import serialize_binary


@schemathesis.serializer("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
def raw_file(ctx, value) -> bytes:
    return serialize_binary(value)
