"""A warm start for the CLI: a fork server that has already imported DataMorph.

Every `datamorph` process spends most of its fixed cost importing (Typer, pydantic, sqlglot,
SQLAlchemy, DuckDB: about 0.5 s) before it does anything. `datamorph daemon start` starts one
background process that imports all of it once and then waits on a Unix socket. A `datamorph`
command finds the socket, hands over its argv, working directory, environment and its own
stdin/stdout/stderr (the file descriptors themselves, SCM_RIGHTS), and the server forks a child
that runs the command as if it had been started in the user's shell: same files, same terminal,
same configuration read afresh. The client forwards signals to that child and exits with its
exit status, so schedulers, pipes and Ctrl-C see what they would see without the daemon.

The same pattern as Android's zygote or Python's multiprocessing "forkserver": fork after the
imports, before any state (connections, threads, configuration) exists.

Trust rules: the server answers only its own user (SO_PEERCRED) through a 0700 folder; it runs
only code identical to the client's (a fingerprint of the installed files, else the client runs
the command itself); and it never stores or logs the environment it is handed.
"""
