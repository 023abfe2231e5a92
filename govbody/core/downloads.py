"""Every download, sent one way.

Frozen files (issued documents, adopted resolutions) are the bytes stored in the database at
issue or adoption. The first download copies them once to a file named by their SHA-256
(``FROZEN_FILES_DIR``, by default ``instance/frozen``); every download after that is sent
from that file as the static files are (werkzeug's ``send_file``: the hash as ETag, a 304 for
a matching If-None-Match before anything is read, byte ranges). The database stays the
record: the folder is a cache that can be emptied at any time.

Generated files (drafts, summaries, exports) are built per request and never cached.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from flask import Response, current_app, request, send_file

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def safe_filename(stem: str, ext: str) -> str:
    """A Content-Disposition name from a symbol or designation: MC/INF/287 -> MC-INF-287.docx."""
    return (re.sub(r"[^A-Za-z0-9.]+", "-", stem).strip("-.") or "document") + f".{ext}"


def disposition(filename: str, inline: bool = False) -> str:
    """The Content-Disposition header of every download. A name that is not plain ASCII (a
    delegation's name in its own script) goes as RFC 6266's filename* in UTF-8, beside an ASCII
    one for older clients: a header holds Latin-1 only, and gunicorn answered 500 to any other."""
    kind = "inline" if inline else "attachment"
    plain = re.sub(r"[^A-Za-z0-9._-]+", "-", unicodedata.normalize("NFKD", filename).encode("ascii", "ignore")
                   .decode()).strip("-") or "download"
    if plain == filename:
        return f'{kind}; filename="{filename}"'
    return f"{kind}; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _revalidate(response: Response, etag: str | None, public: bool) -> Response:
    if etag:
        # Revalidate every time: the bytes never change, but who may see them can.
        response.headers["Cache-Control"] = "no-cache" if public else "private, no-cache"
    else:
        response.headers["Cache-Control"] = "private, no-store"
    response.vary.update(("Authorization", "Cookie"))
    return response


def send_bytes(read: Callable[[], bytes], *, mimetype: str, filename: str, etag: str | None = None,
               public: bool = True, inline: bool = False) -> Response:
    """Bytes built or read for this request; `read` is only called when the client does not
    already hold them (etag given)."""
    response = Response(status=200)
    if etag and request.if_none_match.contains_weak(etag):
        response.status_code = 304
    else:
        response.set_data(read())
        response.mimetype = mimetype
        response.headers["Content-Disposition"] = disposition(filename, inline)
    if etag:
        response.set_etag(etag)
    return _revalidate(response, etag, public)


def frozen_dir() -> Path:
    return Path(current_app.config.get("FROZEN_FILES_DIR") or Path(current_app.instance_path) / "frozen")


def _frozen_path(sha256: str, read: Callable[[], bytes]) -> Path | None:
    """The file holding the bytes whose hash is `sha256`, written from `read()` the first time.
    None when the stored bytes do not match their hash (they are then sent from memory)."""
    folder = frozen_dir() / sha256[:2]
    path = folder / sha256
    if path.is_file():
        return path
    data = read()
    if hashlib.sha256(data).hexdigest() != sha256:
        current_app.logger.error("stored bytes do not match their SHA-256 %s: not cached", sha256)
        return None
    folder.mkdir(parents=True, exist_ok=True)
    # Written beside its final name, then renamed: a reader sees the whole file or none.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".partial-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def send_frozen(sha256: str, read: Callable[[], bytes], *, mimetype: str, filename: str,
                public: bool = True, inline: bool = False) -> Response:
    """A frozen file by its SHA-256; `read` (the stored bytes) is called at most once per machine."""
    if not re.fullmatch(r"[0-9a-f]{64}", sha256 or ""):
        current_app.logger.error("a frozen file without a SHA-256 (%r): sent without caching", sha256)
        return send_bytes(read, mimetype=mimetype, filename=filename, public=public, inline=inline)
    if request.if_none_match.contains_weak(sha256):  # a 304
        return send_bytes(read, mimetype=mimetype, filename=filename, etag=sha256, public=public, inline=inline)
    path = _frozen_path(sha256, read)
    try:
        if path is None:
            raise FileNotFoundError(sha256)
        response = send_file(path, mimetype=mimetype, as_attachment=not inline, download_name=filename, etag=sha256,
                             conditional=True, max_age=None)
    except FileNotFoundError:  # not kept, or the folder was emptied just now: from the database
        return send_bytes(read, mimetype=mimetype, filename=filename, etag=sha256, public=public, inline=inline)
    response.headers["Content-Disposition"] = disposition(filename, inline)
    return _revalidate(response, sha256, public)
