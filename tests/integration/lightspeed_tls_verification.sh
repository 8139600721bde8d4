# TLS is always verified: a self-signed certificate fails unless http.ca_file names it, and a
# certificate for another host name fails even then. No option turns verification off.
. "$(dirname "$0")/lib/common.sh"
command -v openssl >/dev/null || { echo "SKIP: openssl missing"; exit 77; }

# A self-signed certificate valid only for the name "localhost".
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost" \
    -keyout "$T/key.pem" -out "$T/cert.pem" 2>/dev/null
port=$(free_port)
cat >"$T/server.py" <<'PY'
import http.server, json, ssl, sys
port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.headers.get("Authorization") != "Bearer tls-test-token":
            body, code = b'{"error":"Access token is not valid"}', 401
        elif self.path.startswith("/api/2026-07/outlets"):
            after = int(self.path.split("after=")[1].split("&")[0]) if "after=" in self.path else 0
            rows = [] if after >= 5 else [{"id": "0a000000-0000-0000-0000-000000000001",
                                           "name": "Only Shop", "version": 5}]
            ver = {"min": 5, "max": 5} if rows else {"min": None, "max": None}
            body, code = json.dumps({"data": rows, "version": ver}).encode(), 200
        else:
            body, code = b'{"error":"not found"}', 404
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
srv = http.server.HTTPServer(("127.0.0.1", port), H)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.serve_forever()
PY
start_bg python3 "$T/server.py" "$port" "$T/cert.pem" "$T/key.pem"
wait_port "$port"

write_config
expect_rc 0 "$KIVALS" init
printf 'tls-test-token\n' | "$KIVALS" config set token
"$KIVALS" config set store_url "https://localhost:$port"

# 1. Not trusted: exit 78 with a TLS message, and nothing stored.
expect_rc 78 "$KIVALS" outlet detect
assert_contains "$ERR" "Unable to fetch outlet id"
assert_contains "$ERR" "tls error"
assert_contains "$ERR" "certificate"
assert_not_contains "$ERR" "tls-test-token" "the token must not be shown"
expect_rc 1 "$KIVALS" config get outlet_id

# 2. Trusted through http.ca_file: it works.
write_config "ca_file = \"$T/cert.pem\""
expect_rc 0 "$KIVALS" outlet detect --json
assert_eq "$(json_get "$OUT" outlet_id)" "0a000000-0000-0000-0000-000000000001"
assert_eq "$(json_get "$OUT" stored)" true

# 3. Trusted CA but the wrong host name (127.0.0.1 is not in the certificate): exit 78.
"$KIVALS" config unset outlet_id
"$KIVALS" config set store_url "https://127.0.0.1:$port"
expect_rc 78 "$KIVALS" outlet detect
assert_contains "$ERR" "tls error"
assert_contains "$ERR" "127.0.0.1"
expect_rc 1 "$KIVALS" config get outlet_id
pass
