"""Killing the server in the middle of a burst of intervention writes loses nothing acknowledged."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "kill test", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "govbody.cli", "run", "--port", str(port), "--with-threads"],
                            env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        if proc.poll() is not None:
            raise RuntimeError("the server exited at start")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("the server did not start")


def _post(port: int, path: str, token: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {}
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, {}  # the server is gone: not acknowledged


@pytest.mark.slow
def test_kill_during_a_burst_of_writes_loses_no_acknowledged_write(app, make, db_url):
    from govbody.extensions import db
    from govbody.interventions.models import Intervention

    staff = make.user("secretariat")
    make.delegation("Arandia", iso3="ARD")
    meeting_id = make.meeting(make.session(make.body("C", "Council"), 93), 481)
    port = _free_port()
    server = _serve(db_url, port)
    acknowledged: list[int] = []
    try:
        def write(i: int) -> None:
            status, body = _post(port, f"/api/v1/meetings/{meeting_id}/interventions", staff.token,
                                 {"delegation": "Arandia", "points": [f"Point number {i} of the burst"]})
            if status == 201:
                acknowledged.append(body["id"])

        with ThreadPoolExecutor(max_workers=8) as pool:
            futures = [pool.submit(write, i) for i in range(400)]
            while len(acknowledged) < 60:
                time.sleep(0.005)
            server.send_signal(signal.SIGKILL)  # mid-burst: no shutdown, no flush
            for f in futures:
                f.result()
    finally:
        if server.poll() is None:
            server.kill()
        server.wait(10)
    assert len(acknowledged) >= 60
    with app.app_context():
        db.session.remove()
        stored = set(db.session.scalars(sa.select(Intervention.id).where(Intervention.meeting_id == meeting_id)))
    missing = set(acknowledged) - stored
    assert not missing, f"{len(missing)} acknowledged interventions are missing"
    assert len(acknowledged) < 400, "the server was not killed mid-burst"
