"""Run a real lighttpd on loopback that serves kivals-webhook over FastCGI (for Python tests).

The shell tests have the same in tests/integration/lib/lighttpd.sh. The access log records the
path only, and the error log goes through a filter that blanks the secret, as in
etc/lighttpd-kivals.conf: the webhook secret never reaches a log.
"""
import os
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lighttpd:
    def __init__(self, workdir, program, kivals_config, procs=1):
        self.dir = os.path.join(workdir, "web")
        os.makedirs(os.path.join(self.dir, "www"), exist_ok=True)
        os.makedirs(os.path.join(self.dir, "upload"), exist_ok=True)
        self.port = free_port()
        error_log = os.path.join(self.dir, "error.log")
        conf = os.path.join(self.dir, "lighttpd.conf")
        with open(conf, "w") as f:
            f.write(f'''server.document-root = "{self.dir}/www"
server.bind = "127.0.0.1"
server.port = {self.port}
server.upload-dirs = ("{self.dir}/upload")
server.errorlog = "|exec sed -u -e 's/secret=[^&[:space:]]*/secret=REDACTED/g' >>{error_log}"
server.modules = ("mod_accesslog", "mod_fastcgi")
accesslog.filename = "{self.dir}/access.log"
accesslog.format = "%h %t \\"%m %U %H\\" %s %b"
fastcgi.server = ("/fcgi/kivals-webhook" => ((
    "bin-path" => "{os.path.abspath(program)}",
    "socket" => "{self.dir}/fcgi.sock",
    "max-procs" => {procs},
    "bin-environment" => ("KIVALS_CONFIG" => "{kivals_config}"),
    "check-local" => "disable"
)))
''')
        self.proc = subprocess.Popen(["lighttpd", "-D", "-f", conf], stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(self.dir, "stderr.log"), "w"))
        self.url = f"http://127.0.0.1:{self.port}/fcgi/kivals-webhook"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("lighttpd did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
