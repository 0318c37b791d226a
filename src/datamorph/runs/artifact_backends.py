"""Where artifact bytes live: a local folder (the default) or an S3 bucket (`artifacts_s3.py`).

The run store records one row per artifact (name, kind, sha256, size); a backend only maps
`(run_id, name)` to a place, creates the bytes there once (never replacing anything) and reads
them back. Which backend is used comes from the `artifacts` setting (DATAMORPH_ARTIFACTS or
datamorph.toml, read by `config.artifacts_url()`): unset means `<home>/artifacts`, a directory
means that directory, `s3://bucket/prefix` means S3.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from datamorph.errors import ConfigurationError, DataMorphError
from datamorph.runs.artifacts import ArtifactFiles, WrittenFile

if TYPE_CHECKING:
    from datamorph.runs.artifacts import Artifact

ARTIFACTS_ENV = "DATAMORPH_ARTIFACTS"


class ArtifactBackend(Protocol):
    """What the run store needs from whatever keeps the bytes."""

    def location(self, run_id: str, name: str) -> str:
        """Where the artifact is (or would be): a path or an s3:// URL, for people to read."""
        ...

    def local_path(self, run_id: str, name: str) -> Path | None:
        """The local file, or None when the bytes are not on this machine's disk."""
        ...

    def exists(self, run_id: str, name: str) -> bool: ...

    def write_new(self, run_id: str, name: str, content: str | bytes) -> WrittenFile:
        """Store the bytes; ArtifactExistsError when anything is already under that name."""
        ...

    def read_bytes(self, run_id: str, name: str) -> bytes: ...

    def remove_own(self, run_id: str, name: str) -> None:
        """Undo a `write_new` whose database row could not be recorded."""
        ...


class ArtifactIntegrityError(DataMorphError):
    """The stored bytes are not the ones recorded: changed or damaged since they were saved."""


def artifact_backend(
    setting: str | ArtifactBackend | None, root: Path, *, endpoint_url: str | None = None
) -> ArtifactBackend:
    """The backend `setting` names (see the module doc); `root` is the store's home folder."""
    if setting is None:
        return ArtifactFiles(root / "artifacts")
    if not isinstance(setting, str):
        return setting
    if setting.lower().startswith("s3://"):
        from datamorph.runs.artifacts_s3 import S3Artifacts

        return S3Artifacts(setting, endpoint_url=endpoint_url)
    if "://" in setting:
        scheme = setting.split("://", 1)[0]
        raise ConfigurationError(
            f"unsupported artifact store '{scheme}://...' in {ARTIFACTS_ENV}",
            hint="give a directory or s3://bucket/prefix",
        )
    return ArtifactFiles(Path(setting).expanduser().resolve())


def read_verified(backend: ArtifactBackend, artifact: Artifact) -> bytes:
    """The artifact's bytes, checked against the size and sha256 recorded when it was saved."""
    data = backend.read_bytes(artifact.run_id, artifact.name)
    if len(data) != artifact.size or hashlib.sha256(data).hexdigest() != artifact.sha256:
        raise ArtifactIntegrityError(
            f"artifact '{artifact.name}' of run {artifact.run_id} at {artifact.location} does "
            f"not match what was saved ({len(data)} bytes, recorded {artifact.size})",
            hint="it was changed after the run saved it; restore it from a backup or rerun",
        )
    return data
