"""Configuration from the environment, with safe defaults for a single machine."""
from __future__ import annotations

import os
import secrets
from pathlib import Path


def _secret_key(instance_path: str) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the instance folder."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def database_url(instance_path: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        # Heroku-style URLs name the old driver; govbody speaks psycopg 3.
        if url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url[len("postgres://"):]
        elif url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    return "sqlite:///" + str(Path(instance_path) / "govbody.sqlite")


def rate_limit_storage() -> str:
    """Where login attempts are counted: Redis when REDIS_URL names one (every worker and app server
    counts together), else each worker's own memory (a single process's limits, for one machine)."""
    return os.environ.get("REDIS_URL") or os.environ.get("RATELIMIT_STORAGE_URI") or "memory://"


def task_queue_url(instance_path: str) -> str:
    """The task queue's broker: GOVBODY_TASK_QUEUE when set, else Redis when REDIS_URL names one (every
    app server and worker shares it), else a SQLite file in the instance folder (one machine, no server)."""
    return (os.environ.get("GOVBODY_TASK_QUEUE") or os.environ.get("REDIS_URL")
            or "sqlite:///" + str(Path(instance_path) / "tasks.sqlite"))


def from_environment(instance_path: str) -> dict:
    https = os.environ.get("GOVBODY_HTTPS", "") == "1"
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        # Over HTTPS the session cookie takes the __Host- prefix: browsers then refuse them unless Secure,
        # for this host only and for every path, so no subdomain can plant or read them.
        "SESSION_COOKIE_NAME": "__Host-session" if https else "session",
        # The site's own address in links inside files (an agenda's DOCX links its documents' pages);
        # unset, a file links to the address its request came to.
        "SERVER_NAME": os.environ.get("GOVBODY_SERVER_NAME") or None,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "PAGE_SIZE": 50,
        # Sessions end after 30 minutes without activity, and 12 hours after login in any case.
        "SESSION_IDLE_TIMEOUT": int(os.environ.get("GOVBODY_IDLE_MINUTES", "30")) * 60,
        "SESSION_ABSOLUTE_TIMEOUT": int(os.environ.get("GOVBODY_ABSOLUTE_HOURS", "12")) * 3600,
        # How many reverse proxies stand in front of the app and set X-Forwarded-For/-Proto/-Host:
        # 0 (the default) trusts none of those headers, so a client cannot choose its own address.
        "TRUSTED_PROXIES": int(os.environ.get("GOVBODY_TRUSTED_PROXIES", "0")),
        "RATELIMIT_STORAGE_URI": rate_limit_storage(),
        # Shared state of every app server (core/ops.py asks it in /healthz): login limits, the task queue.
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        # /metrics from anywhere with `Authorization: Bearer <token>`; without it, from the machine itself only.
        "METRICS_TOKEN": os.environ.get("GOVBODY_METRICS_TOKEN") or None,
        # One JSON line per request on the logger govbody.access (core/ops.py); 0 turns it off.
        "ACCESS_LOG": os.environ.get("GOVBODY_ACCESS_LOG", "1") != "0",
        "RATELIMIT_KEY_PREFIX": "govbody",
        # Redis out of reach: each worker counts in its own memory until it answers again, rather than
        # refusing every login.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": True,
        # Public pages kept per worker for readers who are not logged in (core/pagecache.py).
        "PAGE_CACHE": os.environ.get("GOVBODY_PAGE_CACHE", "1") != "0",
        "PAGE_CACHE_BYTES": int(os.environ.get("GOVBODY_PAGE_CACHE_MB", "64")) * 1024 * 1024,
        # The task queue (core/tasks.py) and the PDF renditions its workers make (renditions/).
        "TASK_QUEUE_URL": task_queue_url(instance_path),
        "TASK_QUEUE_NAME": os.environ.get("GOVBODY_TASK_QUEUE_NAME", "govbody"),
        "SOFFICE": os.environ.get("GOVBODY_SOFFICE") or None,  # None: soffice or libreoffice on the PATH
        # A rendition running longer than this has lost its worker: the sweep sends it again.
        "RENDITION_TIMEOUT": float(os.environ.get("GOVBODY_RENDITION_TIMEOUT", "600")),
        "RENDITION_ATTEMPTS": int(os.environ.get("GOVBODY_RENDITION_ATTEMPTS", "4")),
        # The wait before the n-th retry: this many seconds times 2**(n-1).
        "RENDITION_RETRY_DELAY": float(os.environ.get("GOVBODY_RENDITION_RETRY_DELAY", "30")),
        # Tests only: seconds a worker waits before converting, to be killed mid-job.
        "RENDITION_DELAY": float(os.environ.get("GOVBODY_RENDITION_DELAY", "0")),
        # The text of a file sent to the register, read by a worker (documents/files.py): an extraction
        # running longer than this has lost its worker; TEXT_DELAY, like RENDITION_DELAY, for tests.
        "TEXT_TIMEOUT": float(os.environ.get("GOVBODY_TEXT_TIMEOUT", "300")),
        "TEXT_DELAY": float(os.environ.get("GOVBODY_TEXT_DELAY", "0")),
        # E-mail to the delegations (decisions/mail.py), sent by a worker through this SMTP server.
        "MAIL_SERVER": os.environ.get("GOVBODY_MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(os.environ.get("GOVBODY_MAIL_PORT", "25")),
        "MAIL_FROM": os.environ.get("GOVBODY_MAIL_FROM", "govbody@localhost"),
        # Refused requests, counted per client, route, status and minute (core/refused.py): each worker
        # writes its counts at most this often, and the counts are kept this many days.
        "REFUSED_FLUSH_SECONDS": 1.0,
        "REFUSED_KEEP_DAYS": int(os.environ.get("GOVBODY_REFUSED_DAYS", "90")),
    }
