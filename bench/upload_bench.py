"""How long the upload of a long PDF takes in its request, and how long its worker then reads it.

    .venv/bin/python bench/upload_bench.py [--pages 94] [--uploads 5]

Makes (once, into `bench/data/`) a PDF of about `--pages` pages of text: a DOCX written with
python-docx, laid out by LibreOffice. On a fresh SQLite database it issues `--uploads` papers and
sends the PDF as each one's French version (`PUT /api/v1/documents/{id}/files/fr`, in process),
timing each request; then, where the text is read by a worker (documents.files.extract), runs that
job on each file and times it, and checks the paper is found by a word of its last page. Prints a
table, then one JSON line. Run it on another checkout (`PYTHONPATH=/path/to/it`) to compare.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DATA = ROOT / "bench" / "data"
LAST_WORD = "Quinquagenarian"  # on the last page only: found once the whole text is read
SENTENCE = ("The Standing Committee reviewed the programme of work of the secretariat, the register of its "
            "papers and the archives kept for every delegation, and requested a report on the records of its "
            "sessions before the next regular session of the Council. ")


def long_pdf(pages: int) -> bytes:
    """A PDF of about `pages` pages of running text, made once and kept in bench/data."""
    path = DATA / f"paper-{pages}-pages.pdf"
    if path.exists():
        return path.read_bytes()
    import docx

    from govbody.docx.pdf import convert_to_pdf

    document = docx.Document()
    document.add_heading("Report on the records of the sessions", level=1)
    for n in range(pages * 37 // 10):  # paragraphs of about 90 words: 3.7 of them to a page
        if n % 30 == 0:
            document.add_heading(f"Part {n // 30 + 1}", level=2)
        document.add_paragraph(f"{n + 1}. " + SENTENCE * 3)
    document.add_paragraph(f"{LAST_WORD} closing remark of the report.")
    DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"paper-{pages}-pages.docx"
        source.write_bytes(_saved(document))
        [pdf] = convert_to_pdf([source], Path(folder))
        path.write_bytes(pdf.read_bytes())
    return path.read_bytes()


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def page_count(data: bytes) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=94)
    parser.add_argument("--uploads", type=int, default=5)
    args = parser.parse_args()
    data = long_pdf(args.pages)

    folder = Path(tempfile.mkdtemp(prefix="govbody-upload-bench-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite'}", "SECRET_KEY": "bench",
           "GOVBODY_TASK_QUEUE": f"sqlite:///{folder / 'tasks.sqlite'}"}
    env.pop("REDIS_URL", None)
    govbody = [sys.executable, "-m", "govbody.cli"]
    subprocess.run([*govbody, "db", "upgrade"], env=env, check=True, capture_output=True, cwd=ROOT)
    subprocess.run([*govbody, "users", "create", "bench@example.org", "--role", "secretariat", "--password",
                    "tidal estuary pilots passphrase"], env=env, check=True, capture_output=True, cwd=ROOT)
    token = subprocess.run([*govbody, "tokens", "create", "bench@example.org"], env=env, check=True,
                           capture_output=True, text=True, cwd=ROOT).stdout.strip().splitlines()[-1]
    os.environ.update(env)

    import datetime as dt

    from govbody import create_app
    from govbody.documents import files, services
    from govbody.extensions import db

    app = create_app()
    headers = {"Authorization": f"Bearer {token}"}
    with app.app_context():
        series = services.create_series(db.session, prefix="C/INF", next_number=1)
        ids = [services.create_document(db.session, series=series, title=f"Records {n}", date=dt.date(2007, 6, 1),
                                        text="The English original.", issue=True).id for n in range(args.uploads)]
        db.session.commit()
    client = app.test_client()
    uploads = []
    for document_id in ids:
        start = time.perf_counter()
        r = client.put(f"/api/v1/documents/{document_id}/files/fr", data=data, headers=headers,
                       content_type="application/pdf")
        uploads.append(time.perf_counter() - start)
        assert r.status_code == 201, r.get_data(as_text=True)
    found_at_once = client.get("/api/v1/search", query_string={"q": LAST_WORD}, headers=headers).get_json()["items"]

    readings = []
    if hasattr(files, "extract"):  # the text read by a worker: its job, run here as a worker would
        from govbody.documents.models import DocumentFile

        with app.app_context():
            waiting = list(db.session.scalars(db.select(DocumentFile.id)))
            db.session.rollback()
            for file_id in waiting:
                start = time.perf_counter()
                files.extract(file_id)
                readings.append(time.perf_counter() - start)
    found = client.get("/api/v1/search", query_string={"q": LAST_WORD}, headers=headers).get_json()["items"]
    assert len(found) == len(ids), found

    result = {"pages": page_count(data), "bytes": len(data), "uploads": len(uploads),
              "upload_median_s": round(statistics.median(uploads), 3), "upload_max_s": round(max(uploads), 3),
              "found_before_worker": len(found_at_once),
              "worker_read_median_s": round(statistics.median(readings), 3) if readings else None}
    print(f"{'PDF':<28}{result['pages']} pages, {result['bytes'] / 1e6:.2f} MB")
    print(f"{'upload (request), median':<28}{result['upload_median_s']:.3f} s (max {result['upload_max_s']:.3f} s)")
    print(f"{'found before a worker ran':<28}{result['found_before_worker']} of {len(ids)}")
    if readings:
        print(f"{'worker reads its text':<28}{result['worker_read_median_s']:.3f} s (median)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
