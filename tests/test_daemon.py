"""The warm-start daemon: commands handed to it behave as commands run on their own (output,
exit codes, files, environment, terminal, signals), and it serves only its own user and code."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from datamorph.daemon import protocol
from datamorph.runs import RunStatus, RunStore

DATAMORPH = Path(sys.executable).parent / "datamorph"
SPEC = Path(__file__).resolve().parents[1] / "examples" / "customer_order_summary.json"
pytestmark = pytest.mark.xdist_group("daemon")  # one server per worker at a time


def datamorph(
    *args: str, env: dict[str, str], **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [str(DATAMORPH), *args], capture_output=True, text=True, env=env, timeout=120, **kwargs
    )


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The test's environment, with the daemon's folder private to it: commands use a server
    that runs and never start one (`manual`), unless a test asks for another mode."""
    monkeypatch.setenv("DATAMORPH_DAEMON_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("DATAMORPH_DAEMON", "manual")
    return dict(os.environ)


@pytest.fixture
def daemon(env: dict[str, str]) -> Iterator[dict[str, str]]:
    try:
        started = datamorph("daemon", "start", "--json", env=env)
        assert started.returncode == 0, started.stderr
        assert json.loads(started.stdout)["running"] is True
        yield env
    finally:
        datamorph("daemon", "stop", env=env)


def served(env: dict[str, str]) -> int:
    status = json.loads(datamorph("daemon", "status", "--json", env=env).stdout)
    return int(status["served"])


def test_a_run_through_the_daemon_equals_one_run_alone(
    daemon: dict[str, str], retail_db: Path, tmp_path: Path
) -> None:
    before = served(daemon)
    warm = datamorph("run", "--spec", str(SPEC), "-d", retail_db.name, "--target", "warm",
                     "--json", env=daemon, cwd=tmp_path)  # fmt: skip
    assert served(daemon) == before + 1, "the command did not go through the daemon"
    alone_env = {**daemon, "DATAMORPH_DAEMON": "off"}
    alone = datamorph("run", "--spec", str(SPEC), "-d", retail_db.name, "--target", "alone",
                      "--json", env=alone_env, cwd=tmp_path)  # fmt: skip
    assert served(daemon) == before + 1
    assert warm.returncode == alone.returncode == 0, warm.stderr + alone.stderr
    first, second = json.loads(warm.stdout), json.loads(alone.stdout)
    assert first["status"] == second["status"] == "completed"
    assert first["rows"] == second["rows"] > 0
    assert set(first) == set(second)
    # the relative database path was the caller's: both runs wrote into the same file
    with RunStore(Path(daemon["DATAMORPH_HOME"])) as store:
        assert {r.target_table for r in store.list_runs()} >= {"warm", "alone"}


def test_bad_input_gives_the_same_line_and_exit_code(
    daemon: dict[str, str], tmp_path: Path
) -> None:
    warm = datamorph("run", "--spec", "missing.json", env=daemon, cwd=tmp_path)
    alone = datamorph("run", "--spec", "missing.json", cwd=tmp_path,
                      env={**daemon, "DATAMORPH_DAEMON": "off"})  # fmt: skip
    assert warm.returncode == alone.returncode == 2
    assert warm.stderr == alone.stderr
    assert warm.stderr.startswith("error: spec file 'missing.json' not found")
    assert served(daemon) >= 1


def test_the_child_reads_the_callers_environment_not_the_servers(
    daemon: dict[str, str], tmp_path: Path
) -> None:
    shown = datamorph("config", "show", "--json", cwd=tmp_path,
                      env={**daemon, "DATAMORPH_AS_OF": "2024-02-29"})  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    setting = json.loads(shown.stdout)["as_of"]
    assert (setting["value"], setting["source"]) == ("2024-02-29", "env DATAMORPH_AS_OF")


def test_at_a_terminal_the_child_draws_for_that_terminal(
    daemon: dict[str, str], tmp_path: Path
) -> None:
    def through_pty(env: dict[str, str]) -> bytes:
        leader, follower = pty.openpty()
        proc = subprocess.Popen([str(DATAMORPH), "runs", "list"], stdin=follower, stdout=follower,
                                stderr=follower, env=env, cwd=tmp_path)  # fmt: skip
        os.close(follower)
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end closed: the command ended
                break
            if not chunk:
                break
            output += chunk
        assert proc.wait(timeout=60) == 0
        os.close(leader)
        return output

    plain = {k: v for k, v in daemon.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    plain["TERM"] = "xterm-256color"
    warm = through_pty(plain)
    alone = through_pty({**plain, "DATAMORPH_DAEMON": "off"})
    assert b"\x1b[" in alone  # colours at a terminal: the comparison below means something
    assert warm == alone


def test_ctrl_c_is_passed_on_and_the_run_ends_interrupted(
    daemon: dict[str, str], retail_db: Path, tmp_path: Path
) -> None:
    env = {**daemon, "DATAMORPH_PAUSE_AT": "after_staging"}
    proc = subprocess.Popen([str(DATAMORPH), "run", "--spec", str(SPEC), "-d", str(retail_db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=tmp_path)  # fmt: skip
    home = Path(daemon["DATAMORPH_HOME"])
    _wait_for_run(home, lambda status: status == RunStatus.PUBLISHING)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    with RunStore(home) as store:
        assert store.list_runs(limit=1)[0].status is RunStatus.INTERRUPTED


def test_a_client_killed_outright_interrupts_its_command(
    daemon: dict[str, str], retail_db: Path, tmp_path: Path
) -> None:
    env = {**daemon, "DATAMORPH_PAUSE_AT": "after_staging"}
    proc = subprocess.Popen([str(DATAMORPH), "run", "--spec", str(SPEC), "-d", str(retail_db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            cwd=tmp_path)  # fmt: skip
    home = Path(daemon["DATAMORPH_HOME"])
    _wait_for_run(home, lambda status: status == RunStatus.PUBLISHING)
    proc.kill()  # SIGKILL: nothing can be forwarded; the socket closing is the only sign
    proc.wait()
    record = _wait_for_run(home, lambda status: status.terminal)
    assert record.status is RunStatus.INTERRUPTED


def _wait_for_run(home: Path, done: object) -> object:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if (home / "runs.db").exists():
            with RunStore(home) as store:
                latest = store.list_runs(limit=1)
                if latest and done(latest[0].status):  # type: ignore[operator]
                    return latest[0]
        time.sleep(0.05)
    raise AssertionError("the run never reached the expected state")


def test_a_client_of_other_code_runs_its_command_itself(
    daemon: dict[str, str], tmp_path: Path
) -> None:
    before = served(daemon)
    other = datamorph("runs", "list", "--json", cwd=tmp_path,
                      env={**daemon, "DATAMORPH_DAEMON_SALT": "other code"})  # fmt: skip
    assert other.returncode == 0, other.stderr
    assert json.loads(other.stdout) == []
    assert served(daemon) == before  # refused, and still running for its own clients
    # another import path (a PYTHONPATH that could shadow a library) is other code too
    shadowed = datamorph("runs", "list", "--json", cwd=tmp_path,
                         env={**daemon, "PYTHONPATH": str(tmp_path)})  # fmt: skip
    assert shadowed.returncode == 0, shadowed.stderr
    assert served(daemon) == before
    assert datamorph("runs", "list", env=daemon, cwd=tmp_path).returncode == 0
    assert served(daemon) == before + 1


def test_only_its_owner_can_reach_the_socket(daemon: dict[str, str]) -> None:
    folder = Path(daemon["DATAMORPH_DAEMON_DIR"])
    socket_path = Path(protocol.socket_path())
    assert socket_path.parent == folder
    assert socket_path.exists()
    assert folder.stat().st_mode & 0o777 == 0o700
    assert socket_path.stat().st_mode & 0o777 == 0o600


def test_stop_removes_the_socket_and_commands_run_alone(
    daemon: dict[str, str], tmp_path: Path
) -> None:
    stopped = datamorph("daemon", "stop", env=daemon)
    assert stopped.stdout.strip() == "daemon stopped"
    assert list(Path(daemon["DATAMORPH_DAEMON_DIR"]).glob("*.sock")) == []
    assert datamorph("runs", "list", env=daemon, cwd=tmp_path).returncode == 0
    status = datamorph("daemon", "status", env=daemon)
    assert status.stdout.startswith("no daemon is running")


def test_auto_starts_one_server_for_the_next_commands(env: dict[str, str], tmp_path: Path) -> None:
    auto = {**env, "DATAMORPH_DAEMON": "auto"}
    try:
        # two commands at once: each may start a server; one holds the lock, the other leaves
        first = subprocess.Popen([str(DATAMORPH), "runs", "list"], env=auto, cwd=tmp_path)
        second = datamorph("runs", "list", env=auto, cwd=tmp_path)
        assert first.wait(timeout=60) == 0 and second.returncode == 0, second.stderr
        deadline = time.monotonic() + 60
        while datamorph("daemon", "status", env=env).stdout.startswith("no daemon"):
            assert time.monotonic() < deadline, "auto never started a daemon"
            time.sleep(0.1)
        assert datamorph("runs", "list", env=auto, cwd=tmp_path).returncode == 0
        assert served(env) == 1
        time.sleep(2)  # a second server, had it started, would have finished its imports
        mine = [p for p in Path("/proc").glob("[0-9]*") if _serves(p, env["DATAMORPH_DAEMON_DIR"])]
        assert len(mine) == 1, mine
    finally:
        datamorph("daemon", "stop", env=env)


def _serves(process: Path, folder: str) -> bool:
    """Whether /proc/PID is a daemon server started with this daemon folder."""
    try:
        command = (process / "cmdline").read_bytes()
        environ = (process / "environ").read_bytes()
    except OSError:
        return False
    return b"datamorph.daemon.server" in command and (
        f"DATAMORPH_DAEMON_DIR={folder}".encode() in environ.split(b"\0")
    )


def test_the_callers_resource_limits_bind_the_child(daemon: dict[str, str], tmp_path: Path) -> None:
    import resource

    def small_files() -> None:  # `ulimit -f 4`: no file may grow past 4 KiB
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    sales = Path(__file__).resolve().parents[1] / "examples" / "sales.csv"
    command = ["load", str(sales), "--table", "sales", "-d"]
    codes = []
    for name, env in (("warm", daemon), ("alone", {**daemon, "DATAMORPH_DAEMON": "off"})):
        done = subprocess.run([str(DATAMORPH), *command, f"{name}.duckdb"], env=env, cwd=tmp_path,
                              preexec_fn=small_files, capture_output=True, timeout=120)  # fmt: skip
        codes.append(done.returncode)
    # Python ignores SIGXFSZ: the write fails (EFBIG) and the load fails, here and there alike
    assert codes[0] == codes[1] != 0
    assert datamorph("load", str(sales), "--table", "sales", "-d", "free.duckdb", env=daemon,
                     cwd=tmp_path).returncode == 0  # fmt: skip


def test_a_caller_without_stdin_runs_its_command_itself(
    daemon: dict[str, str], tmp_path: Path
) -> None:
    before = served(daemon)
    done = subprocess.run([str(DATAMORPH), "runs", "list", "--json"], env=daemon, cwd=tmp_path,
                          preexec_fn=lambda: os.close(0), capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    assert served(daemon) == before


def test_a_server_whose_socket_is_deleted_stops(daemon: dict[str, str]) -> None:
    status = json.loads(datamorph("daemon", "status", "--json", env=daemon).stdout)
    Path(protocol.socket_path()).unlink()  # the folder cleaned up under it
    deadline = time.monotonic() + 30
    while Path(f"/proc/{status['pid']}").exists() and _not_zombie(status["pid"]):
        assert time.monotonic() < deadline, "the server outlived its socket"
        time.sleep(0.2)


def _not_zombie(pid: int) -> bool:
    try:
        return " Z " not in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:4]
    except OSError:
        return False


def test_a_server_killed_under_its_child_loses_only_the_exit_status(
    daemon: dict[str, str], retail_db: Path, tmp_path: Path
) -> None:
    env = {**daemon, "DATAMORPH_PAUSE_AT": "after_staging", "DATAMORPH_PAUSE_SECONDS": "2"}
    server = json.loads(datamorph("daemon", "status", "--json", env=daemon).stdout)["pid"]
    proc = subprocess.Popen([str(DATAMORPH), "run", "--spec", str(SPEC), "-d", str(retail_db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=tmp_path)  # fmt: skip
    home = Path(daemon["DATAMORPH_HOME"])
    _wait_for_run(home, lambda status: status == RunStatus.PUBLISHING)
    os.kill(server, signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert err.startswith("error: the DataMorph daemon stopped during the command"), err
    with RunStore(home) as store:  # the child finished before the launcher returned
        assert store.list_runs(limit=1)[0].status is RunStatus.COMPLETED


def _servers(folder: str) -> list[Path]:
    processes = Path("/proc").glob("[0-9]*")
    return [p for p in processes if _serves(p, folder) and _not_zombie(int(p.name))]


def test_by_default_the_second_command_in_a_row_starts_a_server(
    env: dict[str, str], tmp_path: Path
) -> None:
    default = {k: v for k, v in env.items() if k != "DATAMORPH_DAEMON"}
    folder = env["DATAMORPH_DAEMON_DIR"]
    try:
        assert datamorph("runs", "list", env=default, cwd=tmp_path).returncode == 0
        time.sleep(1.5)  # a server, had the first command started one, would be importing
        assert _servers(folder) == [], "a single command left a server behind"
        assert datamorph("runs", "list", env=default, cwd=tmp_path).returncode == 0
        deadline = time.monotonic() + 60
        while datamorph("daemon", "status", env=env).stdout.startswith("no daemon"):
            assert time.monotonic() < deadline, "two commands in a row never started a server"
            time.sleep(0.1)
        assert datamorph("runs", "list", env=default, cwd=tmp_path).returncode == 0
        assert served(env) == 1
        # killed before its idle time (its systemd unit stopped): not started again at once
        (server,) = _servers(folder)
        os.kill(int(server.name), signal.SIGKILL)
        for _ in range(2):
            assert datamorph("runs", "list", env=default, cwd=tmp_path).returncode == 0
        time.sleep(1.5)
        assert _servers(folder) == []
    finally:
        datamorph("daemon", "stop", env=env)


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def test_the_child_takes_the_callers_nice_value_and_cpus(
    daemon: dict[str, str], retail_db: Path, tmp_path: Path
) -> None:
    server = json.loads(datamorph("daemon", "status", "--json", env=daemon).stdout)["pid"]
    env = {**daemon, "DATAMORPH_PAUSE_AT": "after_staging", "DATAMORPH_PAUSE_SECONDS": "2"}

    def placed() -> None:
        os.nice(7)
        os.sched_setaffinity(0, {0})

    proc = subprocess.Popen([str(DATAMORPH), "run", "--spec", str(SPEC), "-d", str(retail_db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            cwd=tmp_path, preexec_fn=placed)  # fmt: skip
    _wait_for_run(Path(daemon["DATAMORPH_HOME"]), lambda status: status == RunStatus.PUBLISHING)
    (child,) = _children(server)
    fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
    assert int(fields[16]) == 7  # the 19th field of stat: nice
    assert os.sched_getaffinity(child) == {0}
    assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else ""
    assert served(daemon) == 1


def test_a_caller_the_server_cannot_place_runs_its_command_itself(
    env: dict[str, str], tmp_path: Path
) -> None:
    started = subprocess.run([str(DATAMORPH), "daemon", "start"], env=env, timeout=120,
                             preexec_fn=lambda: os.nice(5), capture_output=True)  # fmt: skip
    try:
        assert started.returncode == 0, started.stderr
        # at nice 0, a higher priority than the server's (5): a child could not take it
        done = datamorph("runs", "list", "--json", env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == []
        assert served(env) == 0
        lower = subprocess.run([str(DATAMORPH), "runs", "list"], env=env, cwd=tmp_path,
                               preexec_fn=lambda: os.nice(9), timeout=60)  # fmt: skip
        assert lower.returncode == 0
        assert served(env) == 1
    finally:
        datamorph("daemon", "stop", env=env)


def test_each_control_group_has_its_own_server(monkeypatch: pytest.MonkeyPatch) -> None:
    own = protocol.placement()
    assert protocol.mismatch(own) is None
    here = protocol.socket_path()
    monkeypatch.setattr(protocol, "cgroup", lambda: "0::/system.slice/nightly.service\n")
    assert protocol.socket_path() != here
    assert protocol.mismatch(own) == "another cgroup"
    assert protocol.mismatch({**protocol.placement(), "cpus": [10_000]}) == "other CPUs"
    assert protocol.mismatch(None) == "no placement"
