"""Benchmark govbody at full scale under gunicorn, against this machine's own ceiling.

    .venv/bin/python bench/run.py            # full run (builds bench/data/large.sqlite once)
    .venv/bin/python bench/run.py --quick    # a short version, under three minutes

For SQLite and, when one answers on 127.0.0.1:5432, PostgreSQL (database govbody_bench):
builds or reuses the archive of bench/generate.py, starts gunicorn with 2 workers on loopback
(the production settings, gunicorn.conf.py) and drives it with wrk (Debian's package, installed
with apt-get when missing). Measured in the same run: a trivial endpoint (/ping) and a
static file of the size of a resolution's DOCX, as the ceiling; an adopted resolution's
download; the home page, a session page, a meeting summary page of 300 interventions, the
resolutions portal and the document register (8 concurrent clients), as the public gets them
(kept pages, core/pagecache.py) and as a logged-in delegate gets them (rendered for each
request: "pages_logged_in"); search (one- and two-word queries); saving an intervention; the
workers' RSS; the most SQL statements any page runs. Prints a table, then as its last line one
JSON object (SQLite figures at the top level, PostgreSQL's under "postgresql").
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's govbody, whatever the virtualenv has installed
DATA = ROOT / "bench" / "data"
VENV_BIN = Path(sys.executable).parent
PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
PG_DATABASE = "govbody_bench"
WORKERS = 2
CLIENTS = 8
SEARCHES = ("migration", "remittance", "budget", "labour mobility", "climate displacement", "data partnership",
            "governance", "health border", "diaspora", "reform oversight")

TARGETS = {"download_ratio": 0.8, "page_ratio": 0.2, "page_p95_ms": 150, "search_p95_ms": 50,
           "intervention_save_p95_ms": 50, "max_queries_per_page": 12}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- The application as gunicorn serves it for the benchmark -----------------------------------

def bench_app(page_cache: bool | None = None):
    """create_app() plus /search and /ping (when FEATURES does not list search yet) and the
    static file of the ceiling measurement, sent by Flask's send_from_directory as /static is.
    The page cache follows GOVBODY_PAGE_CACHE unless `page_cache` says."""
    from flask import send_from_directory

    import govbody.search.routes as search_routes  # before any app: it adds GET /api/v1/search to the API
    from govbody import create_app

    config = {"RATELIMIT_ENABLED": False}
    if page_cache is not None:
        config["PAGE_CACHE"] = page_cache
    app = create_app(config)
    if "search" not in app.blueprints:
        app.register_blueprint(search_routes.bp)
        search_routes.init_app(app)

    @app.get("/bench-static/<path:name>")
    def bench_static(name: str):
        return send_from_directory(DATA, name, max_age=0)

    return app


# --- Tools ----------------------------------------------------------------------------------------

def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    log("wrk is missing: installing Debian's package")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(sudo + ["apt-get", "install", "-y", "wrk"], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk could not be installed")
    return found


LUA = r"""
local queries = {QUERIES}
local counter = 0
local mode = os.getenv("BENCH_MODE") or "get"
local token = os.getenv("BENCH_TOKEN") or ""
local delegation = os.getenv("BENCH_DELEGATION") or ""
local run = os.getenv("BENCH_RUN") or "0"
local kind = os.getenv("BENCH_KIND")

request = function()
  counter = counter + 1
  if mode == "search" then
    local q = queries[(counter % #queries) + 1]
    local path = wrk.path .. "?q=" .. string.gsub(q, " ", "+")
    if kind then path = path .. "&kind=" .. kind end
    return wrk.format("GET", path)
  elseif mode == "save" then
    local body = string.format('{"delegation": "%s", "client_key": "bench-%s-%d", "points": ["Point %d on migration governance", {"text": "It stressed", "points": ["funding", "timing"]}]}', delegation, run, counter, counter)
    return wrk.format("POST", wrk.path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
  end
  local cookie = os.getenv("BENCH_COOKIE")
  if cookie then return wrk.format("GET", wrk.path, {["Cookie"] = cookie}) end
  return wrk.format("GET", wrk.path)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "errors": %d, "non2xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def wrk_script() -> Path:
    path = DATA / "bench.lua"
    quoted = ", ".join('"' + q + '"' for q in SEARCHES)
    path.write_text(LUA.replace("{QUERIES}", "{" + quoted + "}"))
    return path


def drive(wrk: str, url: str, *, seconds: float, clients: int = CLIENTS, mode: str = "get",
          env: dict | None = None) -> dict:
    """One wrk run: requests per second and latency percentiles in ms."""
    threads = max(1, min(2, clients))
    cmd = [wrk, f"-t{threads}", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
           "-s", str(wrk_script()), url]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True,
                         env={**os.environ, "BENCH_MODE": mode, **(env or {})},
                         timeout=seconds + 60)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result for {url}: {out.stdout}\n{out.stderr}")
    r = json.loads(line[len("RESULT "):])
    rps = r["requests"] / (r["duration_us"] / 1e6)
    return {"rps": round(rps, 1), "p50_ms": round(r["p50_us"] / 1000, 1), "p95_ms": round(r["p95_us"] / 1000, 1),
            "p99_ms": round(r["p99_us"] / 1000, 1), "errors": r["errors"] + r["non2xx"], "requests": r["requests"]}


# --- Databases ------------------------------------------------------------------------------------

def postgres_answers() -> bool:
    try:
        import psycopg

        with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001  (any failure means: no PostgreSQL here)
        return False


def ensure_pg_database(name: str) -> str:
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG_SERVER}/{name}"


def upgrade_archive(url: str) -> None:
    """An archive built before the newest migrations gets them (indexes, tables), then fresh
    planner statistics, so that it is measured as the code now expects it."""
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from govbody import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
    from govbody.extensions import db

    with app.app_context():
        upgrade()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("ANALYZE"))
        db.engine.dispose()


def archive_matches(info: dict) -> bool:
    """The database is still the one the sidecar describes (another checkout sharing the
    PostgreSQL database may have rebuilt it since): its papers and its rapporteur's token."""
    import hashlib

    import sqlalchemy as sa

    engine = sa.create_engine(info["url"])
    try:
        with engine.connect() as conn:
            papers = conn.execute(sa.text("SELECT count(*) FROM documents")).scalar()
            token = conn.execute(sa.text("SELECT count(*) FROM api_tokens WHERE token_hash = :h"), {
                "h": hashlib.sha256(info["accounts"]["rapporteur"]["token"].encode()).hexdigest()}).scalar()
    except sa.exc.SQLAlchemyError:
        return False
    finally:
        engine.dispose()
    if papers != info["counts"]["documents"] or token != 1:
        log(f"{info['url']} is not the archive its sidecar describes: building it again")
        return False
    return True


def ensure_archive(dest: str, sidecar: Path, scale: float, rebuild: bool) -> dict:
    """The sidecar of an archive at `scale`, generated unless one is there already."""
    if sidecar.exists() and not rebuild:
        info = json.loads(sidecar.read_text())
        if info.get("scale") == scale and archive_matches(info):
            log(f"reusing {info['url']} (scale {scale}), upgraded to the migrations' head")
            upgrade_archive(info["url"])
            return info
    log(f"generating the archive at scale {scale} into {dest}")
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    args = [dest, "--force", "--scale", str(scale), "--quiet"]
    return generate.main(args)


def bench_ids(url: str) -> dict:
    """Ids the measurements need, read from the archive itself."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        council = conn.exec_driver_sql("SELECT id FROM bodies WHERE code = 'C'").scalar()
        session = conn.exec_driver_sql(
            f"SELECT id FROM body_sessions WHERE body_id = {council} ORDER BY number DESC LIMIT 1").scalar()
        meetings = conn.exec_driver_sql(
            "SELECT m.id, count(i.id) AS n FROM meetings m LEFT JOIN interventions i ON i.meeting_id = m.id "
            f"WHERE m.session_id = {session} GROUP BY m.id ORDER BY m.id").all()
        # Saves go to the session's last meeting; the summary page is the largest of the others.
        save_meeting = meetings[-1][0]
        big = max(meetings[:-1] or meetings, key=lambda row: row[1])[0]
        resolution = conn.exec_driver_sql(
            "SELECT id FROM resolutions WHERE status = 'adopted' ORDER BY id DESC LIMIT 1").scalar()
        docx_size = conn.exec_driver_sql(f"SELECT length(docx) FROM resolutions WHERE id = {resolution}").scalar()
        delegation = conn.exec_driver_sql(
            f"SELECT d.name FROM delegations d JOIN memberships ms ON ms.delegation_id = d.id "
            f"WHERE ms.body_id = {council} ORDER BY d.id LIMIT 1").scalar()
        interventions = conn.exec_driver_sql("SELECT count(*) FROM interventions").scalar()
        big_count = dict(meetings)[big]
    engine.dispose()
    return {"session_id": session, "big_meeting_id": big, "big_meeting_interventions": big_count,
            "save_meeting_id": save_meeting, "resolution_id": resolution, "docx_size": docx_size,
            "delegation": delegation, "interventions": interventions}


def remove_saved_interventions(url: str) -> int:
    """The interventions earlier runs saved (client_key bench-...), so that every run measures
    the archive as generated."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        removed = conn.execute(sa.text("DELETE FROM interventions WHERE client_key LIKE :saved"),
                               {"saved": "bench-%"}).rowcount
    engine.dispose()
    return removed


def pages(ids: dict) -> dict[str, str]:
    return {"home": "/", "session": f"/sessions/{ids['session_id']}",
            "meeting_summary": f"/meetings/{ids['big_meeting_id']}/summary", "resolutions": "/resolutions",
            "documents": "/documents"}


def max_queries(url: str, ids: dict) -> tuple[int, dict[str, int]]:
    """The SQL statements each page runs, counted in-process on the same archive, with the
    page cache off (a kept page runs none: what is counted is the page's rendering)."""
    import sqlalchemy as sa

    os.environ["DATABASE_URL"] = url
    app = bench_app(page_cache=False)
    from govbody.extensions import db

    counted: dict[str, int] = {}
    addresses = {**pages(ids), "download": f"/resolutions/{ids['resolution_id']}.docx",
                 "search": "/search?q=migration+governance", "api_search": "/api/v1/search?q=remittance",
                 "meeting": f"/meetings/{ids['big_meeting_id']}", "documents_api": "/api/v1/documents",
                 "resolutions_api": "/api/v1/resolutions"}
    with app.app_context():
        engine = db.engine
    client = app.test_client()
    for name, address in addresses.items():
        statements: list[str] = []

        def before(conn, cursor, statement, *args, _s=statements):
            if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA", "SAVEPOINT",
                                                          "RELEASE")):
                _s.append(statement)

        client.get(address)  # warm
        sa.event.listen(engine, "before_cursor_execute", before)
        response = client.get(address)
        sa.event.remove(engine, "before_cursor_execute", before)
        if response.status_code != 200:
            raise RuntimeError(f"{address}: {response.status_code}")
        counted[name] = len(statements)
    engine.dispose()
    return max(counted.values()), counted


# --- gunicorn -------------------------------------------------------------------------------------

def login_cookie(base: str, account: dict) -> str:
    """The Cookie header of a browser that logged in through the login form."""
    import http.cookiejar
    import re
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/login", timeout=10).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"email": account["email"], "password": account["password"], "csrf_token": token})
    opener.open(base + "/login", data=data.encode(), timeout=10)
    if not any(c.name == "session" for c in jar):
        raise RuntimeError(f"could not log in as {account['email']}")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(url: str, name: str, *, app: str = "bench.run:bench_app()", log_path: Path | None = None,
             workers: int = WORKERS, timeout: int = 60, env: dict[str, str] | None = None,
             secret_key: str = "bench secret key"):
    """`app` (a gunicorn factory) served on a free loopback port over the database `url`, with the
    production settings (gunicorn.conf.py: threaded workers): yields (base URL, the master's pid);
    its log goes to `log_path` (bench/data/gunicorn-<name>.log)."""
    port = free_port()
    logfile = open(log_path or DATA / f"gunicorn-{name}.log", "w")  # noqa: SIM115  (closed below)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": secret_key, "PYTHONPATH": str(ROOT), **(env or {})}
    process = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "--chdir", str(ROOT), "-c", str(ROOT / "gunicorn.conf.py"), "-w", str(workers),
         "-b", f"127.0.0.1:{port}", "--timeout", str(timeout), "--log-level", "info", app],
        env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        # Every worker serving (gunicorn.conf.py logs it), not only the first: a worker still
        # loading the app would leave the first one every client's kept-alive connection.
        while len(re.findall(r"Worker \d+ serving", Path(logfile.name).read_text())) < workers:
            if process.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"gunicorn did not start: see {logfile.name}")
            time.sleep(0.2)
        with urllib.request.urlopen(base + "/ping", timeout=10) as r:
            assert r.status == 200
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        logfile.close()


def workers_of(master: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{master}/task").iterdir():
        children += [int(p) for p in (task / "children").read_text().split()]
    return children


def workers_cpu_s(master: int) -> float:
    """The CPU time the master's workers have used so far (user and system), in seconds."""
    ticks = 0
    for pid in workers_of(master):
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def worker_rss_mb(master: int) -> float:
    sizes = []
    for pid in workers_of(master):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return round(max(sizes), 1) if sizes else 0.0


# --- One database ---------------------------------------------------------------------------------

def run_database(name: str, url: str, info: dict, wrk: str, seconds: float) -> dict:
    if removed := remove_saved_interventions(url):
        log(f"{name}: removed {removed} interventions saved by earlier runs")
    ids = bench_ids(url)
    log(f"{name}: {ids['interventions']:,} interventions; meeting {ids['big_meeting_id']} has "
        f"{ids['big_meeting_interventions']}")
    static = DATA / f"static-{ids['docx_size']}.bin"
    if not static.exists() or static.stat().st_size != ids["docx_size"]:
        static.write_bytes(os.urandom(ids["docx_size"]))
    queries_max, queries = max_queries(url, ids)
    token = info["accounts"]["rapporteur"]["token"]
    result: dict = {"database": name}
    with gunicorn(url, name) as (base, master):
        warm = max(1.0, seconds / 4)
        drive(wrk, base + "/", seconds=warm)
        result["trivial"] = drive(wrk, base + "/ping", seconds=seconds)
        result["static"] = drive(wrk, base + f"/bench-static/{static.name}", seconds=seconds)
        result["download"] = drive(wrk, base + f"/resolutions/{ids['resolution_id']}.docx", seconds=seconds)
        result["pages"] = {}
        for page, address in pages(ids).items():
            drive(wrk, base + address, seconds=1, clients=2)  # warm this page's caches
            result["pages"][page] = drive(wrk, base + address, seconds=seconds)
        drive(wrk, base + "/api/v1/search", seconds=warm, clients=WORKERS, mode="search")  # every worker warm
        result["search"] = drive(wrk, base + "/api/v1/search", seconds=seconds, clients=WORKERS, mode="search")
        result["search_interventions"] = drive(wrk, base + "/api/v1/search", seconds=seconds, clients=WORKERS,
                                               mode="search", env={"BENCH_KIND": "intervention"})
        result["save"] = drive(wrk, base + f"/api/v1/meetings/{ids['save_meeting_id']}/interventions",
                               seconds=seconds, clients=1, mode="save",
                               env={"BENCH_TOKEN": token, "BENCH_DELEGATION": ids["delegation"],
                                    "BENCH_RUN": f"{int(time.time())}{name}"})
        # The same pages for a logged-in delegate: rendered for each request (parts the same for
        # every reader, such as a summary's text, are kept).
        cookie = {"BENCH_COOKIE": login_cookie(base, info["accounts"]["delegate"])}
        result["pages_logged_in"] = {}
        for page, address in pages(ids).items():
            drive(wrk, base + address, seconds=1, clients=2, env=cookie)
            result["pages_logged_in"][page] = drive(wrk, base + address, seconds=seconds, env=cookie)
        result["rss_mb_per_worker"] = worker_rss_mb(master)
    remove_saved_interventions(url)
    result["max_queries_per_page"] = queries_max
    result["queries"] = queries
    result["ids"] = ids
    result["scale"] = info.get("scale")
    return result


def summary(r: dict) -> dict:
    trivial = r["trivial"]["rps"]
    return {
        "database": r["database"], "scale": r["scale"], "interventions": r["ids"]["interventions"],
        "trivial_rps": trivial, "static_rps": r["static"]["rps"], "download_rps": r["download"]["rps"],
        "download_ratio": round(r["download"]["rps"] / r["static"]["rps"], 2),
        "pages": {name: {"rps": p["rps"], "p95_ms": p["p95_ms"], "ratio": round(p["rps"] / trivial, 2)}
                  for name, p in r["pages"].items()},
        "pages_logged_in": {name: {"rps": p["rps"], "p95_ms": p["p95_ms"], "ratio": round(p["rps"] / trivial, 2)}
                            for name, p in r["pages_logged_in"].items()},
        "max_queries_per_page": r["max_queries_per_page"], "search_p95_ms": r["search"]["p95_ms"],
        "search_interventions_p95_ms": r["search_interventions"]["p95_ms"],
        "intervention_save_p95_ms": r["save"]["p95_ms"], "rss_mb_per_worker": r["rss_mb_per_worker"],
        "errors": sum(x["errors"] for x in [r["trivial"], r["static"], r["download"], r["search"],
                                            r["search_interventions"], r["save"],
                                            *r["pages"].values(), *r["pages_logged_in"].values()]),
    }


def table(results: list[dict]) -> str:
    rows = [("measure", *[r["database"] for r in results], "target")]

    def add(label, values, target=""):
        rows.append((label, *values, target))

    add("scale (1 = full)", [str(r["scale"]) for r in results])
    add("interventions", [f"{r['ids']['interventions']:,}" for r in results])
    add("trivial /ping rps", [f"{r['trivial']['rps']:.0f}" for r in results], "ceiling")
    add(f"static file ({results[0]['ids']['docx_size']:,} B) rps", [f"{r['static']['rps']:.0f}" for r in results],
        "ceiling")
    add("resolution download rps", [f"{r['download']['rps']:.0f} ({r['download']['rps'] / r['static']['rps']:.2f})"
                                     for r in results], f">= {TARGETS['download_ratio']} of static")
    for page in results[0]["pages"]:
        add(f"page {page} (public): rps (ratio), p95",
            [f"{r['pages'][page]['rps']:.0f} ({r['pages'][page]['rps'] / r['trivial']['rps']:.2f}), "
             f"{r['pages'][page]['p95_ms']:.0f} ms" for r in results],
            f">= {TARGETS['page_ratio']}, < {TARGETS['page_p95_ms']} ms")
    for page in results[0]["pages_logged_in"]:
        add(f"page {page} (logged in): rps (ratio), p95",
            [f"{r['pages_logged_in'][page]['rps']:.0f} ({r['pages_logged_in'][page]['rps'] / r['trivial']['rps']:.2f}), "
             f"{r['pages_logged_in'][page]['p95_ms']:.0f} ms" for r in results],
            "(measured, no target)")
    add("search p95, all four kinds (2 clients)", [f"{r['search']['p95_ms']:.1f} ms" for r in results],
        f"< {TARGETS['search_p95_ms']} ms")
    add("search p95, interventions only", [f"{r['search_interventions']['p95_ms']:.1f} ms" for r in results],
        f"< {TARGETS['search_p95_ms']} ms")
    add("intervention save p95 (1 client)", [f"{r['save']['p95_ms']:.1f} ms" for r in results],
        f"< {TARGETS['intervention_save_p95_ms']} ms")
    add("RSS per worker", [f"{r['rss_mb_per_worker']:.0f} MB" for r in results])
    add("max SQL statements per page", [str(r["max_queries_per_page"]) for r in results],
        f"<= {TARGETS['max_queries_per_page']}")
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> None:
    import govbody.search.routes  # noqa: F401  (GET /api/v1/search joins the API before any app exists)

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs; a 1/10 archive unless a full one exists")
    parser.add_argument("--seconds", type=float, default=None, help="length of each wrk run")
    parser.add_argument("--rebuild", action="store_true", help="generate the archives again")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--pg-database", default=PG_DATABASE, help=f"default {PG_DATABASE}")
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    started = time.time()
    wrk = ensure_wrk()
    seconds = args.seconds or (3 if args.quick else 10)

    full = DATA / "large.sqlite.json"
    if args.quick and not (full.exists() and json.loads(full.read_text()).get("scale") == 1.0):
        sqlite_dest, scale = DATA / "quick.sqlite", 0.1
    else:
        sqlite_dest, scale = DATA / "large.sqlite", 1.0
    targets = [("sqlite", str(sqlite_dest), Path(str(sqlite_dest) + ".json"), scale)]
    if not args.no_postgres and postgres_answers():
        pg_url = ensure_pg_database(args.pg_database)
        pg_sidecar = DATA / f"{args.pg_database}.json"
        pg_scale = scale
        if args.quick and pg_sidecar.exists():
            pg_scale = json.loads(pg_sidecar.read_text()).get("scale", scale)  # reuse whatever is built
        targets.append(("postgresql", pg_url, pg_sidecar, pg_scale))
    else:
        log("no PostgreSQL answers on 127.0.0.1:5432: SQLite only")

    results = []
    for name, dest, sidecar, db_scale in targets:
        info = ensure_archive(dest, sidecar, db_scale, args.rebuild)
        url = info["url"]
        log(f"{name}: measuring ({seconds:.0f} s per run)")
        results.append(run_database(name, url, info, wrk, seconds))

    print(table(results))
    print(f"(wrk on loopback, {CLIENTS} clients unless said, gunicorn {WORKERS} workers as gunicorn.conf.py sets them; "
          f"{time.time() - started:.0f} s in all)")
    out = summary(results[0])
    out["postgresql"] = summary(results[1]) if len(results) > 1 else None
    (DATA / "last-run.json").write_text(json.dumps({"summary": out, "details": results}, indent=2, default=str))
    print(json.dumps(out))


if __name__ == "__main__":
    tempfile.tempdir = str(DATA)
    main()
