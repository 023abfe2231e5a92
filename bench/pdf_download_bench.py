"""Downloads of an uploaded 5 MB PDF against the same server's static-file rate.

    .venv/bin/python bench/pdf_download_bench.py [--downloads 200] [--clients 4] [--mb 5]

On a fresh SQLite database (in a temporary folder) a paper is issued from a PDF of `--mb` MB sent
to the register (documents.files.upload), and the same bytes are put in the static folder for the
run (removed after). gunicorn serves the app (2 workers, gunicorn.conf.py, as bench/pdf_bench.py starts it);
`--clients` threads, each on a kept-alive connection, download the paper's PDF (its page link,
/documents/{id}/files/en: a frozen file sent from disk with its hash as ETag) `--downloads` times
in all, then the static file as many times. Prints both rates and their ratio (target >= 0.8),
then one JSON line.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdf_bench import BIN, ROOT, fresh_database, free_port  # noqa: E402  (the same way of starting the server)

STATIC = ROOT / "static" / "bench-download.pdf"


def big_pdf(megabytes: float) -> bytes:
    """A valid PDF of one page carrying `megabytes` of incompressible bytes (an attachment)."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    size = int(megabytes * 1024 * 1024)
    writer.add_attachment("annex.bin", os.urandom(size - 2048))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def download(port: int, path: str, total: int, clients: int, expect: str) -> tuple[float, int]:
    """`total` GETs of `path` over `clients` connections: (seconds, bytes received)."""
    left = iter(range(total))
    lock = threading.Lock()
    received = [0]
    errors: list[str] = []

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if next(left, None) is None:
                    break
            conn.request("GET", path)
            response = conn.getresponse()
            data = response.read()
            if response.status != 200 or hashlib.sha256(data).hexdigest() != expect:
                errors.append(f"{path}: {response.status}")
                break
            with lock:
                received[0] += len(data)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(errors[0])
    return elapsed, received[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--downloads", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--mb", type=float, default=5)
    args = parser.parse_args()
    env = fresh_database("govbody-pdf-download-bench-")
    from govbody import create_app
    from govbody.documents import files, services
    from govbody.extensions import db

    data = big_pdf(args.mb)
    digest = hashlib.sha256(data).hexdigest()
    app = create_app()
    with app.app_context():
        series = services.create_series(db.session, prefix="BENCH/DL", next_number=1)
        document = services.create_document(db.session, series=series, title="A large paper sent as a PDF",
                                            date=dt.date(2026, 12, 1))
        files.upload(db.session, document, "en", data)
        db.session.commit()
        paper = f"/documents/{document.id}/files/en"

    STATIC.write_bytes(data)
    port = free_port()
    server = subprocess.Popen([str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "wsgi:app"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/static/" + STATIC.name)
                break
            except OSError:
                time.sleep(0.2)
        static = "/static/" + STATIC.name
        for path in (paper, static):  # each worker warm: the frozen copy on disk, imports done
            download(port, path, 4, 2, digest)
        # Alternating rounds, so that whatever else the machine does weighs on both alike.
        rounds, per_round = 4, max(1, args.downloads // 4)
        times = {paper: 0.0, static: 0.0}
        sizes = {paper: 0, static: 0}
        for _ in range(rounds):
            for path in (paper, static):
                seconds, size = download(port, path, per_round, args.clients, digest)
                times[path] += seconds
                sizes[path] += size
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
        STATIC.unlink(missing_ok=True)
    count = rounds * per_round
    pdf_rate, static_rate = count / times[paper], count / times[static]
    figures = {"downloads": count, "clients": args.clients, "megabytes": round(len(data) / 2 ** 20, 2),
               "pdf_per_second": round(pdf_rate, 1), "static_per_second": round(static_rate, 1),
               "pdf_mb_per_second": round(sizes[paper] / times[paper] / 2 ** 20, 1),
               "static_mb_per_second": round(sizes[static] / times[static] / 2 ** 20, 1),
               "ratio": round(pdf_rate / static_rate, 2)}
    print(f"{count} downloads of a {figures['megabytes']} MB PDF, {args.clients} clients, gunicorn 2 workers:")
    print(f"  uploaded PDF ({paper}): {figures['pdf_per_second']}/s ({figures['pdf_mb_per_second']} MB/s)")
    print(f"  static file  ({static}): {figures['static_per_second']}/s ({figures['static_mb_per_second']} MB/s)")
    print(f"  ratio {figures['ratio']} (target >= 0.8)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
