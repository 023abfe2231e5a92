"""**The** language a page is written in: English, French or Spanish (Flask-Babel, gettext catalogues).

The reader's choice from the switch in every page's header (a cookie, ``COOKIE``), else the best
match of the browser's ``Accept-Language`` among the three, else English. Test clients send no
``Accept-Language``: they read English. ``page_language()`` is the one answer, for templates
(``<html lang>``), dates and numbers (core/text.py's ``language`` parameter) and the public pages'
cache (core/pagecache.py keeps one copy per language).

The catalogues are govbody/translations/{fr,es}/LC_MESSAGES/messages.po (``pybabel extract -F
babel.cfg``, see the README); their compiled .mo files are made from them when the app starts if
missing or older, so a fresh clone needs no build step. ``PUBLIC_TEMPLATES`` names the pages the
public and delegates see, which must be translated completely (tests/i18n checks every msgid).
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit

from flask import Blueprint, Flask, g, has_request_context, redirect, request
from flask_babel import Babel, format_decimal, format_percent, get_locale, get_translations, gettext

from govbody.core import languages, text


def N_(word: str) -> str:  # noqa: N802  (gettext's name for a word marked for translation, translated where shown)
    return word

LANGUAGES = ("en", "fr", "es")  # the organisation's official languages; English is the default
DEFAULT = "en"
# The switch names each language in itself.
SWITCH_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
COOKIE = "govbody_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
TRANSLATIONS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "translations")

# Templates (under govbody/, glob patterns) of the pages the public and delegates see: every msgid
# they use has a French and a Spanish translation. Staff pages are translated for their fixed labels.
PUBLIC_TEMPLATES = (
    "templates/*.html",
    "bodies/templates/bodies/home.html", "bodies/templates/bodies/list.html", "bodies/templates/bodies/detail.html",
    "bodies/templates/bodies/delegations.html",
    "meetings/templates/meetings/session.html", "meetings/templates/meetings/meeting.html",
    "agenda/templates/agenda/_session_panel.html",
    "resolutions/templates/resolutions/portal.html", "resolutions/templates/resolutions/detail.html",
    "resolutions/templates/resolutions/_session_panel.html",
    "documents/templates/documents/register.html", "documents/templates/documents/series.html",
    "documents/templates/documents/_session_panel.html", "documents/templates/documents/detail.html",
    "search/templates/search/search.html",
    "live/templates/live/*.html",
    "delegations/templates/delegations/*.html",
    "interventions/templates/interventions/speakers.html",
    "interventions/templates/interventions/_meeting_panel.html",
    "accounts/templates/accounts/login.html", "accounts/templates/accounts/login_code.html",
    "participants/templates/participants/participants.html",
    "participants/templates/participants/_session_panel.html",
    "decisions/templates/decisions/portal.html", "decisions/templates/decisions/detail.html",
    "decisions/templates/decisions/_session_panel.html", "decisions/templates/decisions/procedure.html",
    "votes/templates/votes/ballot.html", "votes/templates/votes/election_ballot.html",
    "votes/templates/votes/_ballot_macros.html", "documents/templates/documents/side_by_side.html",
    "mandates/templates/mandates/follow_up.html", "mandates/templates/mandates/_macros.html",
    "mandates/templates/mandates/_resolution_panel.html",
)
# Python modules whose words (forms' labels and messages, flashes) a delegate sees.
PUBLIC_MODULES = ("core/locale.py", "core/web.py", "accounts/forms.py", "accounts/routes.py",
                  "interventions/forms.py", "interventions/routes.py", "decisions/forms.py", "decisions/routes.py",
                  "votes/routes.py")

# Words pages take from records and enums (a body's kind, a speaker's kind, a role), translated
# where shown (`_(body.kind.label)`): named here so that `pybabel extract` puts them in the catalogues.
RECORD_WORDS = (
    N_("Chairperson"), N_("First Vice-Chairperson"), N_("Second Vice-Chairperson"), N_("Rapporteur"),
    N_("Statement"), N_("Reply"), N_("Question"), N_("Point of order"), N_("Right of reply"), N_("Closing"),
    N_("Council"), N_("Standing committee"), N_("Working group"), N_("Subcommittee"),
    N_("Member State"), N_("Observer State"), N_("Intergovernmental organization"), N_("Non-governmental organization"),
    N_("United Nations entity"), N_("Secretariat"),
    N_("Admin"), N_("Chair"), N_("Rapporteur"), N_("Delegate"),
    N_("Head of delegation"), N_("Alternate"), N_("Adviser"),
    N_("Numbered meeting"), N_("Briefing"), N_("Informal consultation"),
    N_("Chairperson"), N_("Vice-Chairperson"),
    N_("Member States"), N_("Observer States"), N_("Intergovernmental organizations"),
    N_("Non-governmental organizations"), N_("United Nations entities"),
    N_("Interventions"), N_("Resolutions"), N_("Non-papers"), N_("Documents"),
    N_("member"), N_("observer"), N_("draft"), N_("adopted"), N_("withdrawn"),
    N_("General"), N_("Limited"), N_("Restricted"),
    N_("Delegations"), N_("What's new"), N_("Search"), N_("PDFs"),  # the navigation's links (web.add_nav_link)
    N_("Yes"), N_("No"), N_("Abstain"),  # a ballot's buttons (votes.models.Choice)
    N_("Open: silence holds"), N_("Silence broken"), N_("Adopted"),  # a written procedure's status
)

bp = Blueprint("locale", __name__)


def _chosen() -> str | None:
    code = request.cookies.get(COOKIE, "")
    return code if code in LANGUAGES else None


def select_locale() -> str:
    """The switch's choice, else the best of Accept-Language, else English."""
    if not has_request_context():
        return DEFAULT
    if "page_language" not in g:
        g.page_language = _chosen() or request.accept_languages.best_match(LANGUAGES) or DEFAULT
    return g.page_language


def page_language() -> str:
    """The current page's language code: "en", "fr" or "es"."""
    return select_locale() if has_request_context() else DEFAULT


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never another host), else the home page."""
    parts = urlsplit(target or "")
    if not target or parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return "/"
    return target


@bp.get("/language")
def choose():
    """The header's switch: remember the language in a cookie and go back to the page."""
    code = request.args.get("to", "")
    response = redirect(_safe_next(request.args.get("next")), 303)
    if code in LANGUAGES:
        response.set_cookie(COOKIE, code, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True,
                            secure=request.is_secure)
    return response


# Records' names as a page in the reader's language writes them (core/text.py does the words):
# "Ninety-fourth Session", "Quatre-vingt-quatorzième session", "Nonagésima cuarta reunión".

def session_title(session) -> str:
    return text.session_title(session.number, session.special, page_language()) if session else ""


def meeting_name(meeting) -> str:
    """"481st meeting", "481e séance", "481ª sesión"; "briefing of 14 October 2016" in the page's words."""
    if meeting is None:
        return ""
    if meeting.number is not None:
        return text.meeting_title(meeting.number, page_language())
    return gettext("%(kind)s of %(date)s", kind=gettext(meeting.kind.label).lower(),
                   date=text.long_date(meeting.date, page_language()))


def meeting_label(meeting) -> str:
    """What a link to the meeting says: its name, or a briefing's title."""
    return meeting_name(meeting) if meeting.is_numbered else (meeting.title or meeting_name(meeting))


def meeting_heading(meeting) -> str:
    """"481st meeting: Opening of the session", or a briefing's title."""
    if not meeting.is_numbered:
        return meeting.title or meeting_name(meeting)
    return f"{meeting_name(meeting)}: {meeting.title}" if meeting.title else meeting_name(meeting)


def speaker_label(entry) -> str:
    """"Kenya (on behalf of the African Group)", "Kenya (au nom de ...)": who speaks and for whom."""
    if not entry.on_behalf_of:
        return entry.speaker
    return f"{entry.speaker} ({gettext('on behalf of %(group)s', group=entry.on_behalf_of)})"


def designation(resolution) -> str | None:
    """"Resolution No. 1150 (XCIII)", "Résolution n° 1150 (XCIII)"; None for a draft."""
    if resolution.number is None or resolution.session_numeral is None:
        return None
    return text.designation(resolution.number, resolution.session_numeral, page_language())


def decision_designation(decision) -> str:
    """"Decision No. 3 (XCIV)", "Décision n° 3 (XCIV)"."""
    return text.decision_designation(decision.number, decision.session_numeral, page_language())


def decision_adoption_line(decision) -> str:
    """"Adopted by written procedure on 14 May 2021" in the page's words."""
    return text.written_procedure_line(decision.adopted_on, page_language())


def language_here(code: str) -> str:
    """A version's language as the page names it: "French", "français", "francés" (core/languages.py)."""
    return languages.name_of(code, page_language())


def original_here(original_language: str) -> str:
    """A paper's original language as the page names it: "English", "Anglais", "Inglés"."""
    name = languages.original_name(original_language, page_language())
    return name[:1].upper() + name[1:]


def percent(share: float) -> str:
    """A share as a page in the reader's language writes it: "12.5%", "12,5 %"."""
    return format_percent(share, format="#,##0.0%")


def _ballots_cast(count: int) -> str:
    """The open vote's line in the form its plural takes for `count`, "{kind}" and "{num}" left for live.js."""
    return get_translations().ngettext("%(kind)s: voting is open (%(num)s ballot cast)",
                                       "%(kind)s: voting is open (%(num)s ballots cast)", count) \
        % {"kind": "{kind}", "num": "{num}"}


def live_words() -> dict:
    """The words static/live.js writes on the live view and the projector, in the page's language."""
    return {"untimed": gettext("No time limit"), "over": gettext("Over the time limit of %(time)s", time="{time}"),
            "warning": gettext("%(seconds)s seconds or less left", seconds="{seconds}"),
            "running": gettext("Time limit %(time)s", time="{time}"),
            "agenda": gettext("Agenda item %(number)s: %(title)s", number="{number}", title="{title}"),
            "no_agenda": gettext("No agenda item yet"), "nobody": gettext("Nobody has the floor"),
            "behalf": gettext("on behalf of %(group)s", group="{group}"), "lost": gettext("Connection lost; trying again."),
            "kinds": {str(word): gettext(word) for word in RECORD_WORDS[:6]},
            "quorum": gettext("Present %(present)s of %(members)s, quorum %(required)s: %(met)s", present="{present}",
                              members="{members}", required="{required}", met="{met}"),
            "met": gettext("met"), "not_met": gettext("not met"),
            # a vote on the board (live/_vote.html says the same)
            "secret": gettext("Secret ballot"), "recorded": gettext("Recorded vote"),
            "vote_open_one": _ballots_cast(1), "vote_open": _ballots_cast(2),
            "vote_closed": gettext("%(kind)s: closed", kind="{kind}"),
            "vote_prepared": gettext("%(kind)s: prepared", kind="{kind}"),
            "vote_result": gettext("Yes %(yes)s, No %(no)s, Abstaining %(abstain)s. Required majority %(required)s: "
                                   "%(outcome)s.", yes="{yes}", no="{no}", abstain="{abstain}", required="{required}",
                                   outcome="{outcome}"),
            "carried": gettext("carried"), "not_carried": gettext("not carried")}


def compile_catalogues(directory: str = TRANSLATIONS) -> None:
    """Each messages.po compiled to messages.mo when the .mo is missing or older."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for language in LANGUAGES[1:]:
        po = os.path.join(directory, language, "LC_MESSAGES", "messages.po")
        mo = po[:-2] + "mo"
        if not os.path.exists(po):
            continue
        if os.path.exists(mo) and os.path.getmtime(mo) >= os.path.getmtime(po):
            continue
        with open(po, "rb") as source:
            catalogue = read_po(source, locale=language)
        temporary = f"{mo}.{os.getpid()}"
        with open(temporary, "wb") as target:
            write_mo(target, catalogue)
        os.replace(temporary, mo)  # another worker compiling at once finds a whole file


def init_app(app: Flask) -> None:
    try:
        compile_catalogues()
    except OSError as error:  # an installed copy the server may not write to: its .mo files came with it
        app.logger.warning("translations not compiled: %s", error)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", TRANSLATIONS)
    Babel(app, locale_selector=select_locale)
    app.register_blueprint(bp)

    @app.context_processor
    def _language():
        here = request.full_path.rstrip("?") if has_request_context() else "/"
        return {"page_language": page_language(), "language_switch": [
            {"code": code, "name": SWITCH_NAMES[code], "next": here} for code in LANGUAGES]}

    @app.after_request
    def _vary(response):
        if response.mimetype == "text/html" and not request.path.startswith("/api/"):  # a page, not the API's 304
            response.vary.add("Accept-Language")
        return response

    app.jinja_env.filters.update(
        number=lambda n: format_decimal(n) if n is not None else "",
        session_title=session_title, meeting_name=meeting_name, meeting_label=meeting_label,
        meeting_heading=meeting_heading, designation=designation, speaker_label=speaker_label,
        decision_designation=decision_designation, decision_adoption_line=decision_adoption_line)
    app.jinja_env.globals.update(get_locale=get_locale, percent=percent, live_words=live_words,
                                 language_here=language_here, original_here=original_here)
