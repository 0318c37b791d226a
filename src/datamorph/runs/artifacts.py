"""Artifact files: what a run produced (spec, code per attempt, reports), kept on disk for good.

Each run owns `<root>/artifacts/<run_id>/`. Files there are created with exclusive-create, so a
second save under the same name fails instead of replacing what an earlier attempt wrote: the
history of a self-healing run is only trustworthy if nothing in it can be rewritten. The run
store (`store.py`) records a row per file; this module only deals with names, paths and bytes.
`ArtifactFiles` is the local backend; `artifact_backends.py` picks it or S3 (`artifacts_s3.py`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath, PureWindowsPath

from pydantic import BaseModel, ConfigDict

from datamorph.errors import NotFoundError, UsageError

ARTIFACT_KINDS = frozenset({"spec", "code", "report", "diff", "log", "other"})

# Run ids become folder names, so they are kept to characters that are safe on every platform.
_RUN_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


class ArtifactExistsError(UsageError, FileExistsError):
    """An artifact with this name already exists for the run; artifacts are never overwritten.

    It is a `FileExistsError` too, so code that already handles that keeps working.
    """

    def __init__(self, message: str, *, path: Path | str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.errno = errno.EEXIST
        self.path = path  # a local Path, or the object's s3:// location


# Said by every backend when a name is taken: the same words whatever holds the bytes.
EXISTS_HINT = (
    "artifacts are never overwritten; save under a new name "
    "(next_artifact_name gives the next free attempt number)"
)


class Artifact(BaseModel):
    """One stored artifact file and the facts needed to trust it later (hash and size)."""

    model_config = ConfigDict(frozen=True)

    run_id: str
    name: str  # relative to the run's folder, POSIX separators: "spec.json", "code/attempt-1.sql"
    kind: str  # one of ARTIFACT_KINDS
    attempt: int | None
    path: Path | None  # the local file; None when the bytes are elsewhere (S3)
    sha256: str
    size: int
    created_at: datetime
    location: str  # where the bytes are: the file's path, or s3://bucket/key


@dataclass(frozen=True)
class WrittenFile:
    """What a backend's `write_new` stored: where, and the facts the store records."""

    location: str
    path: Path | None
    sha256: str
    size: int


def check_run_id(run_id: str) -> str:
    """`run_id` unchanged, or UsageError when it could not safely be a folder name."""
    if not _RUN_ID_RE.fullmatch(run_id) or ".." in run_id:
        raise UsageError(
            f"invalid run id '{run_id}'",
            hint="use letters, digits, '.', '_' and '-' (at most 64), or let the store pick one",
        )
    return run_id


def check_kind(kind: str) -> str:
    """`kind` unchanged; an unknown kind is a programming error, hence ValueError."""
    if kind not in ARTIFACT_KINDS:
        raise ValueError(
            f"unknown artifact kind {kind!r}; expected one of {sorted(ARTIFACT_KINDS)}"
        )
    return kind


def normalize_name(name: str) -> str:
    """The artifact name in POSIX form, or UsageError when it could land outside the run folder."""
    bad = UsageError(
        f"invalid artifact name '{name}'",
        hint="use a relative path inside the run folder, like 'code/attempt-1.sql'",
    )
    # Backslashes and drives are separators/anchors on Windows; refuse them everywhere so a
    # name means the same file on every platform.
    if not name.strip() or "\\" in name or "\x00" in name or PureWindowsPath(name).drive:
        raise bad
    posix = PurePosixPath(name)
    if posix.is_absolute() or not posix.parts or ".." in posix.parts:
        raise bad
    return posix.as_posix()


class ArtifactFiles:
    """The artifact folder tree under `base` (normally `<root>/artifacts`)."""

    def __init__(self, base: Path) -> None:
        self.base = base

    def run_dir(self, run_id: str) -> Path:
        return self.base / check_run_id(run_id)

    def path_for(self, run_id: str, name: str) -> Path:
        """The file for `name`, refusing names that resolve outside the run folder."""
        run_dir = self.run_dir(run_id)
        path = run_dir / normalize_name(name)
        # A symlink inside the run folder could still point elsewhere; resolving catches that.
        if not path.resolve().is_relative_to(run_dir.resolve()):
            raise UsageError(f"artifact name '{name}' points outside run {run_id}'s folder")
        return path

    def location(self, run_id: str, name: str) -> str:
        return str(self.path_for(run_id, name))

    def local_path(self, run_id: str, name: str) -> Path | None:
        return self.path_for(run_id, name)

    def exists(self, run_id: str, name: str) -> bool:
        return self.path_for(run_id, name).exists()

    def write_new(self, run_id: str, name: str, content: str | bytes) -> WrittenFile:
        """Create the file, failing with ArtifactExistsError if anything is already there."""
        data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
        path = self.path_for(run_id, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            handle = path.open("xb")  # exclusive create: the OS refuses to replace a file
        except FileExistsError:
            raise ArtifactExistsError(
                f"artifact '{name}' already exists for run {run_id}", path=path, hint=EXISTS_HINT
            ) from None
        try:
            with handle:
                handle.write(data)
                handle.flush()
                # The run history is what crash recovery reads, so make it durable now.
                os.fsync(handle.fileno())
        except BaseException:
            # A half-written file would block the name forever; it is ours, so remove it.
            path.unlink(missing_ok=True)
            raise
        digest = hashlib.sha256(data).hexdigest()
        return WrittenFile(location=str(path), path=path, sha256=digest, size=len(data))

    def read_bytes(self, run_id: str, name: str) -> bytes:
        path = self.path_for(run_id, name)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise NotFoundError(
                f"artifact '{name}' of run {run_id} is recorded but its file is missing",
                hint=f"it was removed from {path.parent}",
            ) from None

    def read_text(self, run_id: str, name: str) -> str:
        return self.read_bytes(run_id, name).decode("utf-8")

    def remove_own(self, run_id: str, name: str) -> None:
        """Undo a `write_new` whose database row could not be recorded."""
        self.path_for(run_id, name).unlink(missing_ok=True)
