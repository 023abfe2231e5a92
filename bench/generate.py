"""A realistic archive at full scale: seventy-five years of a Council's records.

    .venv/bin/python bench/generate.py bench/data/large.sqlite            # full scale
    .venv/bin/python bench/generate.py postgresql+psycopg://.../govbody_bench
    .venv/bin/python bench/generate.py /tmp/small.sqlite --small          # 1/100
    .venv/bin/python bench/generate.py /tmp/x.sqlite --scale 0.1          # 1/10

Full scale: 3 bodies plus 10 working groups, 200 delegations, 150 sessions, 3,000 meetings
(one of them with 300 interventions), 200,000 interventions with replies and nested points,
1,500 adopted resolutions with annexes (one rendered DOCX reused, with its SHA-256), 20,000
documents with Corr./Rev./Add. versions, non-papers, agendas and published summaries. Rows
go in by SQLAlchemy Core executemany, with explicit ids; the search index follows through
its triggers. The counters of core.numbering continue after the generated numbers, so the
application keeps numbering where the history stops.

Writes a JSON sidecar (DEST.json for a file, bench/data/<database>.json for PostgreSQL)
with the accounts, their API tokens and the ids benchmarks need.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "a long bench password"
FULL = {"sessions": 150, "meetings": 3000, "interventions": 200_000, "resolutions": 1500, "documents": 20_000,
        "non_papers": 300}
BIG_MEETING = 300  # interventions in the meeting whose summary page is measured
BATCH = 5000

SYLLABLES = ("ka", "lo", "mi", "ra", "ten", "vor", "sel", "an", "dri", "mo", "bel", "gar", "is", "un", "tal",
             "per", "os", "ne", "qui", "zan", "el", "fo", "ru", "ba", "ti", "har", "en", "sto", "lu", "vi")
TOPICS = ("migration", "governance", "remittance", "budget", "labour", "mobility", "climate", "displacement",
          "health", "border", "management", "resettlement", "integration", "return", "reintegration", "trafficking",
          "smuggling", "diaspora", "cartography", "hydrography", "statistics", "data", "partnership", "funding",
          "programme", "strategy", "evaluation", "audit", "oversight", "reform", "membership", "contribution",
          "arrears", "assessment", "humanitarian", "emergency", "protection", "children", "gender", "youth",
          "employment", "skills", "recruitment", "consular", "cooperation", "dialogue", "capacity", "training",
          "pandemic", "resilience", "development", "financing", "transparency", "accountability", "registry")
COMMON = ("the", "of", "and", "to", "in", "for", "on", "with", "that", "its", "by", "as", "report", "delegation",
          "welcomed", "noted", "stressed", "supported", "asked", "Organization", "Member", "States", "Council",
          "Administration", "session", "proposal", "efforts", "work", "important", "further")


class Words:
    """Cheap text: a long Zipf-like pool of words, sliced at random offsets."""

    def __init__(self, rng: random.Random):
        rare = sorted({rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES) for _ in range(4000)})
        vocabulary = list(COMMON) * 40 + list(TOPICS) * 6 + rare
        self.pool = [rng.choice(vocabulary) for _ in range(200_000)]
        self.rng = rng

    def sentence(self, low: int = 8, high: int = 20) -> str:
        n = self.rng.randint(low, high)
        start = self.rng.randrange(len(self.pool) - n)
        text = " ".join(self.pool[start:start + n])
        return text[0].upper() + text[1:] + "."

    def title(self) -> str:
        topic = self.rng.sample(TOPICS, 2)
        return f"{topic[0].capitalize()} and {topic[1]}: {self.rng.choice(('report', 'review', 'framework', 'plan', 'update'))}"

    def points(self) -> list:
        out: list = []
        for _ in range(self.rng.randint(2, 4)):
            if self.rng.random() < 0.35:
                sub = [self.sentence(5, 10) for _ in range(self.rng.randint(1, 3))]
                if self.rng.random() < 0.3:
                    sub[0] = {"text": sub[0], "points": [self.sentence(4, 8)]}
                out.append({"text": self.sentence(4, 10), "points": sub})
            else:
                out.append(self.sentence())
        return out


def counts(scale: float) -> dict[str, int]:
    return {k: max(2 if k == "sessions" else 1, round(v * scale)) for k, v in FULL.items()}


def prepare(dest: str, force: bool):
    """The app on an empty database at head; returns (app, database url, sidecar path)."""
    from flask_migrate import upgrade

    from govbody import create_app

    if "://" in dest:
        url = dest.replace("postgresql://", "postgresql+psycopg://", 1)
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            exists = conn.exec_driver_sql("SELECT to_regclass('public.bodies')").scalar()
            if exists and not force:
                raise SystemExit(f"{dest} already has a schema; pass --force to replace it")
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
        sidecar = ROOT / "bench" / "data" / f"{sa.make_url(url).database}.json"
    else:
        path = Path(dest).resolve()
        if path.exists():
            if not force:
                raise SystemExit(f"{path} exists; pass --force to replace it")
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{path}"
        sidecar = Path(str(path) + ".json")
    sidecar.parent.mkdir(parents=True, exist_ok=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
    return app, url, sidecar


def insert(conn, table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        conn.execute(table.insert(), rows[start:start + BATCH])


def reference_docx() -> tuple[bytes, bytes]:
    """One rendered resolution and one rendered numbered document, reused for every row."""
    from govbody.docx.numbered import build_numbered_document
    from govbody.docx.resolution import build_resolution
    from govbody.docx.samples import sample_numbered_document, sample_resolution

    return build_resolution(sample_resolution()), build_numbered_document(sample_numbered_document())


def generate(conn, n: dict[str, int], rng: random.Random, log) -> dict:
    from govbody.agenda.models import AgendaItem
    from govbody.bodies.models import Body, Delegation, Membership
    from govbody.core.numbering import Counter, meeting_key, resolution_key, series_key
    from govbody.core.text import roman
    from govbody.documents.models import Document, Series
    from govbody.interventions.models import Intervention, MeetingSummary
    from govbody.meetings.models import BodySession, Meeting
    from govbody.nonpapers.models import NonPaper, Question
    from govbody.resolutions.models import (
        Annex,
        OperativeParagraph,
        PreambularParagraph,
        Resolution,
    )

    words = Words(rng)
    now = dt.datetime(2026, 11, 1, 9, 0)
    stamp = {"created_at": now, "updated_at": now}

    # Bodies: the Council, its Standing Committee and Finance Committee, ten working groups.
    bodies = [
        {"id": 1, "name": "Council", "kind": "council", "code": "C", "parent_id": None},
        {"id": 2, "name": "Standing Committee on Programmes and Finance", "kind": "standing_committee", "code": "S",
         "parent_id": 1},
        {"id": 3, "name": "Executive Committee", "kind": "standing_committee", "code": "EC", "parent_id": 1},
    ] + [{"id": 4 + k, "name": f"Working Group on {TOPICS[k].capitalize()}", "kind": "working_group",
          "code": f"WG{k + 1}", "parent_id": 2} for k in range(10)]
    for b in bodies:
        b.update(terms_of_reference="", established_on=dt.date(1951, 12, 5), dissolved_on=None, papers_public=True,
                 **stamp)
    insert(conn, Body.__table__, bodies)

    # Delegations: 180 Member States, 10 observer States, 9 organizations, the Secretariat.
    names: set[str] = set()
    delegations = []
    for k in range(199):
        while True:
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            if name not in names:
                names.add(name)
                break
        kind = "member_state" if k < 180 else "observer_state" if k < 190 else rng.choice(("igo", "ngo", "un_entity"))
        iso3 = f"{chr(65 + k // 26 % 26)}{chr(65 + k % 26)}X" if kind.endswith("state") else None
        delegations.append({"id": k + 1, "name": ("Republic of " if k % 3 == 0 else "") + name, "kind": kind,
                            "iso3": iso3, "short_names": "", **stamp})
    secretariat_id = 200
    delegations.append({"id": secretariat_id, "name": "Secretariat", "kind": "secretariat", "iso3": None,
                        "short_names": "", **stamp})
    insert(conn, Delegation.__table__, delegations)
    states = [d["id"] for d in delegations if d["kind"] == "member_state"]
    members_of = {1: states, 2: states[:60], 3: states[:30]}
    for b in bodies[3:]:
        members_of[b["id"]] = rng.sample(states, 20)
    insert(conn, Membership.__table__, [
        {"body_id": body_id, "delegation_id": d, "status": "member", "from_date": None, "to_date": None}
        for body_id, ds in members_of.items() for d in ds])

    # Sessions: half the Council's (one a year since 1951), then the committees, then the working groups.
    sessions = []
    shares = [(1, 75 / 150), (2, 45 / 150), (3, 10 / 150)] + [(b["id"], 2 / 150) for b in bodies[3:]]
    for body_id, share in shares:
        k = max(1, round(n["sessions"] * share))
        for number in range(1, k + 1):
            year = 1951 + (number - 1) * 75 // k
            sessions.append({"id": len(sessions) + 1, "body_id": body_id, "number": number, "kind": "regular",
                             "starts_on": dt.date(year, 11, 20), "ends_on": dt.date(year, 11, 28),
                             "venue": "Geneva", "agenda_adopted_at_id": None, **stamp})
    insert(conn, BodySession.__table__, sessions)
    log(f"{len(bodies)} bodies, {len(delegations)} delegations, {len(sessions)} sessions")

    items = []
    items_of: dict[int, list[int]] = {}
    for s in sessions:
        for position in range(1, 7):
            items.append({"id": len(items) + 1, "session_id": s["id"], "parent_id": None, "position": position,
                          "title": words.title(), "description": "", **stamp})
            items_of.setdefault(s["id"], []).append(len(items))
        items.append({"id": len(items) + 1, "session_id": s["id"], "parent_id": len(items) - 5, "position": 1,
                      "title": words.title(), "description": "", **stamp})
    insert(conn, AgendaItem.__table__, items)

    # Meetings, numbered per body across sessions.
    meetings = []
    per_session = max(1, n["meetings"] // len(sessions))
    next_number: dict[int, int] = {}
    for index, s in enumerate(sessions):
        extra = 1 if index < n["meetings"] - per_session * len(sessions) else 0
        for day in range(per_session + extra):
            number = next_number.get(s["body_id"], 1)
            next_number[s["body_id"]] = number + 1
            meetings.append({"id": len(meetings) + 1, "session_id": s["id"], "body_id": s["body_id"],
                             "number": number, "date": s["starts_on"] + dt.timedelta(days=day // 2),
                             "starts_at": dt.time(10 if day % 2 == 0 else 15), "ends_at": None, "venue": "Geneva",
                             "title": "", **stamp})
    insert(conn, Meeting.__table__, meetings)
    council_sessions = [s for s in sessions if s["body_id"] == 1]
    latest_council = council_sessions[-1]
    big_meeting = next(m for m in meetings if m["session_id"] == latest_council["id"])
    session_of = {m["id"]: m["session_id"] for m in meetings}
    body_of = {s["id"]: s["body_id"] for s in sessions}
    log(f"{len(items)} agenda items, {len(meetings)} meetings")

    # Summaries: published, except for the latest meetings.
    unpublished = {m["id"] for m in meetings[-max(1, len(meetings) // 50):]}
    insert(conn, MeetingSummary.__table__, [
        {"meeting_id": m["id"], "highlights_heading": "", "highlights": [words.sentence()],
         "conclusions_by": "The Chairperson", "conclusions": [words.sentence()],
         "published": m["id"] not in unpublished, "corrections_until": None, **stamp} for m in meetings])

    # Interventions: 300 in the measured meeting, the rest spread evenly; every fifth a reply.
    started = time.perf_counter()
    others = [m["id"] for m in meetings if m["id"] != big_meeting["id"]]
    plan = [(big_meeting["id"], min(BIG_MEETING, n["interventions"]))]
    rest = n["interventions"] - plan[0][1]
    for k, meeting_id in enumerate(others):
        plan.append((meeting_id, rest // len(others) + (1 if k < rest % len(others) else 0)))
    table = Intervention.__table__
    rows: list[dict] = []
    ident = 0
    for meeting_id, count in plan:
        members = members_of[body_of[session_of[meeting_id]]]
        agenda = items_of[session_of[meeting_id]]
        for position in range(1, count + 1):
            ident += 1
            reply = position % 5 == 0
            rows.append({
                "id": ident, "meeting_id": meeting_id, "agenda_item_id": agenda[(position * 6) // (count + 1)],
                "delegation_id": secretariat_id if reply else rng.choice(members),
                "speaker_name": "Director General" if reply else "", "speaker_title": "",
                "kind": "reply" if reply else "statement", "reply_to_id": ident - 1 if reply else None,
                "on_behalf_of": "", "points": words.points(), "position": position, "started_at": None,
                "ended_at": None, "version": 1, "client_key": None, **stamp})
            if len(rows) >= BATCH:
                conn.execute(table.insert(), rows)
                rows = []
    if rows:
        conn.execute(table.insert(), rows)
    log(f"{ident:,} interventions in {time.perf_counter() - started:.1f} s")

    # Resolutions: two thirds the Council's, a third the Standing Committee's, all adopted, each with an annex.
    resolution_docx, document_docx = reference_docx()
    resolution_sha, document_sha = (hashlib.sha256(resolution_docx).hexdigest(),
                                    hashlib.sha256(document_docx).hexdigest())
    meetings_of: dict[int, list[dict]] = {}
    for m in meetings:
        meetings_of.setdefault(m["session_id"], []).append(m)
    resolutions, preamble, operative, annexes = [], [], [], []
    resolution_numbers: dict[int, int] = {}
    for k in range(n["resolutions"]):
        body_id = 1 if k % 3 else 2
        body_sessions = [s for s in sessions if s["body_id"] == body_id]
        s = body_sessions[min(len(body_sessions) - 1, k * len(body_sessions) // n["resolutions"])]
        meeting = meetings_of[s["id"]][-1]
        number = resolution_numbers.get(body_id, 1)
        resolution_numbers[body_id] = number + 1
        rid = k + 1
        resolutions.append({"id": rid, "body_id": body_id, "session_id": s["id"], "title": words.title(),
                            "operative_formula": "Resolves", "status": "adopted", "number": number,
                            "session_numeral": roman(s["number"]), "cited_code": bodies[body_id - 1]["code"],
                            "adopted_at_meeting_id": meeting["id"], "adopted_on": meeting["date"],
                            "supersedes_id": None, "withdrawn_on": None, "docx": resolution_docx,
                            "sha256": resolution_sha, "created_by_id": None, **stamp})
        for position in range(1, rng.randint(3, 5) + 1):
            preamble.append({"resolution_id": rid, "position": position, "text": "Recalling " + words.sentence()})
        for position in range(1, rng.randint(3, 6) + 1):
            operative.append({"resolution_id": rid, "position": position, "text": words.sentence(),
                              "points": [words.sentence(4, 8) for _ in range(rng.randint(0, 3))]})
        annexes.append({"resolution_id": rid, "position": 1, "title": "Annex",
                        "text": "\n\n".join(words.sentence(12, 30) for _ in range(4))})
    insert(conn, Resolution.__table__, resolutions)
    insert(conn, PreambularParagraph.__table__, preamble)
    insert(conn, OperativeParagraph.__table__, operative)
    insert(conn, Annex.__table__, annexes)
    log(f"{len(resolutions):,} resolutions ({len(resolution_docx):,} bytes of DOCX each)")

    # Non-papers: mostly circulated, a few drafts.
    papers, questions = [], []
    for k in range(n["non_papers"]):
        s = rng.choice(sessions)
        draft = k % 10 == 9
        papers.append({"id": k + 1, "body_id": s["body_id"], "session_id": s["id"], "title": words.title(),
                       "author_line": "The Chairperson", "introduction": words.sentence(20, 40),
                       "status": "draft" if draft else "circulated", "version": 1, "previous_id": None,
                       "circulated_at": None if draft else dt.datetime.combine(s["starts_on"], dt.time(9)),
                       "created_by_id": None, **stamp})
        for position in range(1, 4):
            questions.append({"non_paper_id": k + 1, "position": position, "text": words.sentence(8, 14) + "?",
                              "points": [words.sentence(4, 8)]})
    insert(conn, NonPaper.__table__, papers)
    insert(conn, Question.__table__, questions)

    # Documents: one information series per body and a general one; a tenth are Corr./Rev./Add. of earlier ones.
    series = [{"id": 1, "prefix": "MC/INF", "body_id": None, "start_number": 1, **stamp}] + [
        {"id": b["id"] + 1, "prefix": f"{b['code']}/INF", "body_id": b["id"], "start_number": 1, **stamp}
        for b in bodies]
    insert(conn, Series.__table__, series)
    documents = []
    numbers: dict[int, int] = {}
    versions_of: dict[int, int] = {}
    originals: list[dict] = []
    for k in range(n["documents"]):
        ident = k + 1
        if k % 10 == 9 and originals:
            parent = rng.choice(originals[-200:])
            version = versions_of.get(parent["id"], 0) + 1
            versions_of[parent["id"]] = version
            kind = ("corr", "rev", "add")[version % 3]
            row = {"series_id": parent["series_id"], "series_key": None, "number": None, "parent_id": parent["id"],
                   "version_kind": kind, "version_number": version,
                   "symbol": f"{parent['symbol']}/{kind.capitalize()}.{version}", "title": parent["title"],
                   "date": parent["date"] + dt.timedelta(days=7), "session_id": parent["session_id"],
                   "distribution": parent["distribution"]}
        else:
            s = sessions[min(len(sessions) - 1, k * len(sessions) // n["documents"])]
            series_row = series[body_of[s["id"]]] if k % 7 else series[0]  # series id = body id + 1
            number = numbers.get(series_row["id"], 1)
            numbers[series_row["id"]] = number + 1
            roll = rng.random()
            row = {"series_id": series_row["id"], "series_key": series_row["prefix"], "number": number,
                   "parent_id": None, "version_kind": None, "version_number": None,
                   "symbol": f"{series_row['prefix']}/{number}", "title": words.title(),
                   "date": s["starts_on"] - dt.timedelta(days=rng.randint(1, 60)), "session_id": s["id"],
                   "distribution": "general" if roll < 0.85 else "limited" if roll < 0.95 else "restricted"}
        draft = k % 100 == 99
        row.update({"id": ident, "original_language": "English", "text": "\n\n".join(
            words.sentence(15, 40) for _ in range(3)), "resolution_id": None,
            "status": "draft" if draft else "issued", "issued_at": None if draft else now,
            "docx": None if draft else document_docx, "sha256": None if draft else document_sha, **stamp})
        if draft:
            row.update(symbol=None, number=None, series_key=None, version_number=None, version_kind=None,
                       parent_id=None)
        elif row["parent_id"] is None:
            originals.append(row)
        documents.append(row)
        if len(documents) >= BATCH:
            conn.execute(Document.__table__.insert(), documents)
            documents = []
    if documents:
        conn.execute(Document.__table__.insert(), documents)
    log(f"{n['documents']:,} documents, {n['non_papers']} non-papers")

    # Counters continue after the history.
    counters = [{"key": meeting_key(b), "next_value": v} for b, v in next_number.items()]
    counters += [{"key": resolution_key(b), "next_value": v} for b, v in resolution_numbers.items()]
    counters += [{"key": series_key(sid, next(s["prefix"] for s in series if s["id"] == sid)), "next_value": v}
                 for sid, v in numbers.items()]
    insert(conn, Counter.__table__, counters)
    if conn.dialect.name == "postgresql":  # explicit ids: move the sequences past them
        for table in (Body, Delegation, Membership, BodySession, AgendaItem, Meeting, MeetingSummary, Intervention,
                      Resolution, PreambularParagraph, OperativeParagraph, Annex, NonPaper, Question, Series,
                      Document, Counter):
            name = table.__tablename__
            conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                 f"coalesce((SELECT max(id) FROM {name}), 0) + 1, false)")
    largest_series = max(numbers, key=numbers.get)
    return {"big_meeting_id": big_meeting["id"], "latest_council_session_id": latest_council["id"],
            "resolution_id": resolutions[-1]["id"], "body_id": 1,
            "document_id": next(d["id"] for d in reversed(originals) if d["distribution"] == "general"),
            "series_id": largest_series, "series_prefix": next(s["prefix"] for s in series if s["id"] == largest_series),
            "docx_bytes": len(resolution_docx), "counts": {**n, "interventions": ident}}


def fill_pg_search_index(conn, log) -> None:
    """The search index for every row at once, from the migration's own per-record SELECTs."""
    import importlib.util

    path = next((ROOT / "migrations" / "versions").glob("*_full_text_search_index.py"))
    spec = importlib.util.spec_from_file_location("search_migration", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    for kind, rows in migration.PG_ROWS.items():
        conn.exec_driver_sql(f"DELETE FROM search_fts_{kind}")
        conn.exec_driver_sql(
            f"INSERT INTO search_fts_{kind} (id, title, content, tsv) SELECT id, title, content,"
            " setweight(to_tsvector('english', title), 'A') || to_tsvector('english', content)"
            f" FROM ({rows.replace(' = ident', ' IS NOT NULL')}) AS row(id, title, content)")
    log("search index filled")


def accounts(app) -> dict:
    """An admin, the secretariat, a rapporteur of the Council and a delegate, each with an API token."""
    from govbody.accounts.services import create_token, create_user
    from govbody.bodies.models import Delegation
    from govbody.extensions import db

    out = {}
    with app.app_context():
        delegation = db.session.scalar(sa.select(Delegation.name).where(Delegation.id == 1))
        for role, extra in (("admin", {}), ("secretariat", {}), ("rapporteur", {"body_codes": ["C"]}),
                            ("delegate", {"delegation_name": delegation})):
            email = f"{role}@bench.example.org"
            user = create_user(db.session, email, role=role, password=PASSWORD, **extra)
            out[role] = {"email": email, "password": PASSWORD, "token": create_token(db.session, user)}
        db.session.commit()
    return out


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", help="SQLite file path or PostgreSQL URL")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--small", action="store_true", help="1/100 of full scale (tests)")
    size.add_argument("--scale", type=float, default=1.0, help="fraction of full scale (default 1)")
    parser.add_argument("--force", action="store_true", help="replace an existing database")
    parser.add_argument("--seed", type=int, default=1951)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    scale = 0.01 if args.small else args.scale
    log = (lambda *_: None) if args.quiet else (lambda msg: print(f"[{time.perf_counter() - t0:6.1f} s] {msg}",
                                                                 flush=True))
    t0 = time.perf_counter()
    app, url, sidecar = prepare(args.dest, args.force)
    from govbody.extensions import db

    with app.app_context():
        engine = db.engine
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                # Row triggers (the search index, foreign keys) off for the load; the index is
                # then filled in one statement per kind.
                conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            info = generate(conn, counts(scale), random.Random(args.seed), log)
            if engine.dialect.name == "postgresql":
                conn.exec_driver_sql("SET LOCAL session_replication_role = origin")
                fill_pg_search_index(conn, log)
        if engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
        else:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
    info.update(url=url, scale=scale, accounts=accounts(app), seconds=round(time.perf_counter() - t0, 1))
    sidecar.write_text(json.dumps(info, indent=2, default=str))
    log(f"done in {info['seconds']} s: {url} (details in {sidecar})")
    with app.app_context():
        db.engine.dispose()
    return info


if __name__ == "__main__":
    main()
