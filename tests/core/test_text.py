import datetime as dt

import pytest

from govbody.core import languages, text


@pytest.mark.parametrize("n, words", [
    (1, "First"), (2, "Second"), (3, "Third"), (4, "Fourth"), (5, "Fifth"), (8, "Eighth"), (9, "Ninth"),
    (11, "Eleventh"), (12, "Twelfth"), (13, "Thirteenth"), (20, "Twentieth"), (21, "Twenty-first"),
    (40, "Fortieth"), (42, "Forty-second"), (90, "Ninetieth"), (93, "Ninety-third"), (94, "Ninety-fourth"),
    (100, "One hundredth"), (101, "One hundred and first"), (110, "One hundred and tenth"),
    (112, "One hundred and twelfth"), (200, "Two hundredth"), (515, "Five hundred and fifteenth"),
    (999, "Nine hundred and ninety-ninth"),
])
def test_ordinal_words(n, words):
    assert text.ordinal_words(n) == words


@pytest.mark.parametrize("n, ordinal", [
    (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"),
    (22, "22nd"), (23, "23rd"), (101, "101st"), (111, "111th"), (112, "112th"), (113, "113th"), (123, "123rd"),
    (481, "481st"), (1011, "1011th"), (1002, "1002nd"),
])
def test_ordinal_number(n, ordinal):
    assert text.ordinal_number(n) == ordinal


@pytest.mark.parametrize("n, numeral", [
    (1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (71, "LXXI"), (88, "LXXXVIII"), (90, "XC"),
    (93, "XCIII"), (94, "XCIV"), (110, "CX"), (400, "CD"), (944, "CMXLIV"), (1999, "MCMXCIX"), (3999, "MMMCMXCIX"),
])
def test_roman(n, numeral):
    assert text.roman(n) == numeral


def test_every_roman_numeral_is_unique_and_well_formed():
    numerals = [text.roman(n) for n in range(1, 4000)]
    assert len(set(numerals)) == 3999
    assert all(set(r) <= set("MDCLXVI") for r in numerals)
    assert not any("IIII" in r or "XXXX" in r or "CCCC" in r for r in numerals)


def test_every_ordinal_in_words_is_unique_up_to_999():
    words = [text.ordinal_words(n) for n in range(1, 1000)]
    assert len(set(words)) == 999
    assert all(w[0].isupper() and not w[1:].isupper() for w in words)


@pytest.mark.parametrize("bad", [0, -1, 1000, 1.5, "3", True])
def test_ordinal_words_rejects_what_it_cannot_spell(bad):
    with pytest.raises((ValueError, TypeError)):
        text.ordinal_words(bad)


def test_long_date_has_no_leading_zero():
    assert text.long_date(dt.date(2007, 6, 7)) == "7 June 2007"
    assert text.long_date(dt.date(2007, 11, 9)) == "9 November 2007"
    assert text.long_date(dt.date(1995, 11, 29)) == "29 November 1995"


def test_session_titles():
    assert text.session_title(94) == "Ninety-fourth Session"
    assert text.session_title(93, special=True) == "Ninety-third (Special) Session"
    assert text.session_title(110) == "One hundred and tenth Session"


@pytest.mark.parametrize("n, letters", [
    (1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "bb"), (52, "zz"), (53, "aaa"), (79, "aaaa"),
])
def test_letters_double_after_z_as_drafters_and_word_letter_them(n, letters):
    assert text.letter(n) == letters


@pytest.mark.parametrize("depth, n, label", [
    (0, 1, "(a)"), (0, 27, "(aa)"), (1, 1, "(i)"), (1, 12, "(xii)"), (1, 13, "(xiii)"), (1, 14, "(xiv)"),
    (1, 40, "(xl)"), (2, 3, "(3)"),
])
def test_sub_point_labels_letter_then_roman_then_figures(depth, n, label):
    assert text.sub_point_label(depth, n) == label


def test_sub_point_labels_never_repeat_within_a_list():
    for depth in (0, 1, 2):
        assert len({text.sub_point_label(depth, n) for n in range(1, 501)}) == 500


@pytest.mark.parametrize("bad", [0, -1, 4000])
def test_letters_start_at_one(bad):
    with pytest.raises(ValueError):
        text.letter(bad)


# documents.md, "Language versions": the fixed words of each version, from num2words and Babel.
@pytest.mark.parametrize("language, original, date, heading, meeting, designation", [
    ("en", "Original: English", "9 November 2007", "NINETY-FOURTH SESSION", "481st meeting",
     "Resolution No. 1150 (XCIII)"),
    ("fr", "Original : anglais", "9 novembre 2007", "QUATRE-VINGT-QUATORZIÈME SESSION", "481e séance",
     "Résolution n° 1150 (XCIII)"),
    ("es", "Original: inglés", "9 de noviembre de 2007", "NONAGÉSIMA CUARTA REUNIÓN", "481ª sesión",
     "Resolución N° 1150 (XCIII)"),
])
def test_the_fixed_words_of_each_language(language, original, date, heading, meeting, designation):
    assert text.original_line("English", language) == original
    assert text.long_date(dt.date(2007, 11, 9), language) == date
    assert text.session_title(94, language=language).upper() == heading
    assert text.meeting_title(481, language) == meeting
    assert text.designation(1150, "XCIII", language) == designation


def test_a_paper_first_written_in_french_is_named_in_each_language():
    assert [text.original_line(written, "en") for written in ("French", "français", "fr", "francés")] == [
        "Original: French"] * 4
    assert text.original_line("French", "es") == "Original: francés"
    assert text.original_line("Arabic", "fr") == "Original : arabe"  # a United Nations language has a code
    assert text.original_line("Portuguese", "fr") == "Original : Portuguese"  # no code of ours: as stored
    assert languages.code_of("Inglés") == "en" and languages.code_of("Portuguese") == languages.UNDETERMINED


def test_french_and_spanish_ordinals_where_the_library_or_the_typography_needs_care():
    assert text.ordinal_words(80, "fr") == "Quatre-vingtième"  # num2words alone writes "quatre-vingtsième"
    assert text.ordinal_words(200, "fr") == "Deux centième"
    assert text.session_title(1, language="fr") == "Première session"
    assert text.session_title(93, True, "fr") == "Quatre-vingt-treizième session (extraordinaire)"
    assert text.session_title(93, True, "es") == "Nonagésima tercera reunión (extraordinaria)"
    assert text.session_title(110, language="es") == "Centésima décima reunión"
    assert text.ordinal_number(1, "fr") == "1re" and text.ordinal_number(21, "fr") == "21e"
    assert text.ordinal_number(3, "es") == "3ª"
    assert text.long_date(dt.date(2007, 6, 1), "fr") == "1er juin 2007"
    assert text.long_date(dt.date(2007, 6, 1), "es") == "1 de junio de 2007"
