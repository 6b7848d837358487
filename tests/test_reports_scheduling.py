"""docs/scheduling.md: the crontab line it gives works, run as cron would run it (``sh -c``
with cron's minimal environment and the kit's venv), and is idempotent with --if-changed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_reports import write_notebook

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "scheduling.md"
CRON_LINE = re.compile(r"^(?P<when>(\S+\s+){5})(?P<command>cd .+)$")


def crontab_line() -> str:
    block = re.search(r"```cron\n(.+?)```", DOC.read_text(), re.S)
    assert block, "docs/scheduling.md has no ```cron block"
    lines = [line for line in block.group(1).splitlines() if line and not line.startswith("#")]
    assert len(lines) == 1, lines
    return lines[0]


def test_crontab_schedule_is_valid():
    m = CRON_LINE.match(crontab_line())
    assert m, "not a crontab line"
    minute, hour, *_ = m.group("when").split()
    assert 0 <= int(minute) < 60 and 0 <= int(hour) < 24
    assert "%" not in m.group("command")  # cron would turn it into a newline
    assert "--if-changed" in m.group("command") and "--keep" in m.group("command")


def test_systemd_units_documented():
    text = DOC.read_text()
    for needle in ("[Service]", "Type=oneshot", "ExecStart=/srv/newskit/.venv/bin/newskit report",
                   "[Timer]", "OnCalendar=", "Persistent=true", "WantedBy=timers.target"):
        assert needle in text, needle


@pytest.mark.slow
def test_crontab_command_runs_in_cron_environment(tmp_path):
    command = CRON_LINE.match(crontab_line()).group("command")
    corpus, out, home = tmp_path / "incoming", tmp_path / "reports", tmp_path / "home"
    corpus.mkdir()
    out.mkdir()  # like the repo's reports/ folder, which holds the log
    home.mkdir()
    shutil.copy(ROOT / "seeds" / "004_fa4afdca0f45084a.txt", corpus / "a.txt")
    notebooks = tmp_path / "notebooks"
    write_notebook(notebooks / "tiny.ipynb", "print('corpus', corpus)")
    command = (command.replace("/srv/newskit", str(ROOT))
               .replace("/srv/news/incoming", str(corpus))
               .replace(" reports", f" {out}"))
    assert str(ROOT) in command and str(out) in command
    # cron's environment: nothing but these (no venv on PATH, no project variables)
    env = {"HOME": str(home), "LOGNAME": "newskit", "PATH": "/usr/bin:/bin", "SHELL": "/bin/sh",
           "NEWSKIT_NOTEBOOKS": str(notebooks), "NEWSKIT_CACHE_DIR": str(tmp_path / "cache")}
    def cron() -> str:
        done = subprocess.run(["/bin/sh", "-c", command], env=env, cwd=str(home),
                              capture_output=True, text=True, timeout=300)
        log = (out / "cron.log").read_text()
        assert done.returncode == 0, (done.stdout, done.stderr, log)
        assert done.stdout == done.stderr == ""  # everything went to the log
        return log.splitlines()[-1]

    first = cron()
    assert first.startswith("newskit report: 1 articles read, 0 skipped")
    assert (out / "latest" / "index.html").is_file()
    # The same corpus again: nothing to do. (A re-run is right only if the kit's extractor
    # code changed in between, which happens while developers edit it: then try again.)
    for _ in range(3):
        again = cron()
        if "nothing to do" in again:
            break
        versions = [json.loads((p / "manifest.json").read_text())["pipeline_version"]
                    for p in sorted(out.glob("2*")) if not p.name.endswith("-failed")]
        assert versions[-1] != versions[-2], again
    assert "nothing to do" in again and "unchanged" in again
    log = (out / "cron.log").read_text().splitlines()
    assert all(line.startswith("newskit report: ") for line in log), log
    runs = sorted(p for p in out.iterdir() if re.match(r"^\d{8}-\d{6}", p.name))
    assert (out / "latest").resolve() == runs[-1].resolve()
