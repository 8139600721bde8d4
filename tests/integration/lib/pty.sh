# Run a command on a pseudo-terminal, as an administrator at a terminal would (source after
# common.sh):
#   on_pty CMD ARGS...  -> PTY_OUT: everything it wrote (stdout and stderr share the
#                          terminal), PTY_RC: its exit status. Gives up after 120 s.
on_pty() {
    PTY_RC=0
    python3 - "$T/.pty.out" "$@" <<'PY' || PTY_RC=$?
import os, pty, select, sys, time
out, argv = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
seen, end = b"", time.time() + 120
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 1)
    if not r:
        continue
    try:
        chunk = os.read(fd, 65536)
    except OSError:  # the child closed the terminal
        break
    if not chunk:
        break
    seen += chunk
else:
    os.kill(pid, 9)
open(out, "wb").write(seen)
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
PY
    PTY_OUT=$(tr -d '\0' <"$T/.pty.out")
}
