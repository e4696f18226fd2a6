"""A small fake of the BSrE Esign Client API v2, for tests: same paths, fields and
error answers as the Esign Client's published Postman collection (v2 requests).

It signs with pyHanko, as the real service does with the officer's key it holds:
each registered NIK has a key and certificate from the test's demo CA and a
passphrase; a TOTP is accepted once after it was requested.
"""

import base64
import json
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import serialization

from loket.lib import demo_ca
from loket.lib.signing import Appearance, sign_with_pkcs12

USERNAME, PASSWORD = "loket", "rahasia-api"


class FakeBsre:
    def __init__(self, ca: demo_ca.DemoCa):
        self.ca = ca
        self.users = {}  # nik -> {"p12": bytes, "passphrase": str, "cert_pem": str}
        self.totps = {}
        self.requests = []  # (path, fields without secrets) for assertions
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def register(self, nik, name, passphrase):
        key, csr = demo_ca.make_key_and_csr(name, "Kantor Uji")
        cert = demo_ca.issue_from_csr(self.ca, csr)
        self.users[nik] = {
            "p12": demo_ca.pkcs12_bytes(key, cert, self.ca.certificate(), passphrase, name),
            "passphrase": passphrase,
            "cert_pem": cert.public_bytes(serialization.Encoding.PEM).decode(),
        }

    # --- HTTP ----------------------------------------------------------------

    def _handler(fake):  # noqa: N805 - the closure's "self" is the fake
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self):
                expected = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
                if self.headers.get("Authorization") != f"Basic {expected}":
                    self._answer(
                        401,
                        {
                            "timestamp": "2026-01-01T00:00:00.000+00:00",
                            "status": 401,
                            "error": "Unauthorized",
                            "path": self.path,
                        },
                    )
                    return False
                return True

            def _fields(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                kind = self.headers.get("Content-Type", "")
                if kind.startswith("application/json"):
                    return json.loads(body or b"{}"), {}
                message = BytesParser(policy=HTTP).parsebytes(
                    f"Content-Type: {kind}\r\n\r\n".encode() + body
                )
                fields, files = {}, {}
                for part in message.iter_parts():
                    name = part.get_param("name", header="content-disposition")
                    payload = part.get_payload(decode=True)
                    if part.get_filename() is not None:
                        files[name] = payload
                    else:
                        fields[name] = payload.decode()
                return fields, files

            def do_GET(self):
                if not self._authorised():
                    return
                prefix = "/api/v2/user/certificate/chain/"
                if self.path.startswith(prefix):
                    nik = self.path[len(prefix) :]
                    user = fake.users.get(nik)
                    if user is None:
                        self.send_response(400)
                        self.end_headers()
                        return
                    ca_pem = fake.ca.cert_path.read_text()
                    return self._answer(200, {"success": True, "data": [user["cert_pem"], ca_pem]})
                self._answer(404, {"status": 404, "error": "Not Found", "path": self.path})

            def do_POST(self):
                if not self._authorised():
                    return
                fields, files = self._fields()
                fake.requests.append(
                    (
                        self.path,
                        {k: v for k, v in fields.items() if k not in ("passphrase", "totp")},
                    )
                )
                if self.path == "/api/v2/user/check/status":
                    user = fake.users.get(fields.get("nik", ""))
                    if user is None:
                        return self._answer(
                            200,
                            {
                                "status_code": 2011,
                                "message": "User tidak terdaftar",
                                "status": "NOT_REGISTERED",
                            },
                        )
                    return self._answer(
                        200,
                        {"status_code": 1111, "message": "Sertifikat aktif", "status": "ISSUE"},
                    )
                if self.path == "/api/v2/sign/get/totp":
                    nik = fields.get("nik", "")
                    if nik not in fake.users:
                        return self._answer(
                            400, {"status_code": 2011, "error": "User tidak terdaftar"}
                        )
                    fake.totps[nik] = "246810"
                    return self._answer(200, {"success": True, "message": "TOTP terkirim"})
                if self.path == "/api/v2/sign/pdf":
                    return self._sign(fields, files)
                if self.path == "/api/v2/verify/pdf":
                    return self._answer(
                        200,
                        {
                            "signatureCount": 0,
                            "description": "",
                            "conclusion": "NO_SIGNATURE",
                            "signatureInformations": [],
                        },
                    )
                self._answer(404, {"status": 404, "error": "Not Found", "path": self.path})

            def _sign(self, fields, files):
                user = fake.users.get(fields.get("nik", ""))
                if user is None:
                    return self._answer(400, {"status_code": 2011, "error": "User tidak terdaftar"})
                if "totp" in fields:
                    ok = fields["totp"] and fake.totps.pop(fields["nik"], None) == fields["totp"]
                else:
                    ok = fields.get("passphrase") == user["passphrase"]
                if not ok:
                    return self._answer(
                        400, {"status_code": 2031, "error": "Passphrase anda salah"}
                    )
                pdf = files.get("file[]")
                if not pdf:
                    return self._answer(500, {"status": 500, "error": "Internal Server Error"})
                properties = json.loads(fields.get("signatureProperties[]", "{}"))
                box = None
                if properties.get("tampilan") == "VISIBLE":
                    x, y = properties["originX"], properties["originY"]
                    box = (x, y, x + properties["width"], y + properties["height"])
                signed = sign_with_pkcs12(
                    pdf,
                    user["p12"],
                    user["passphrase"],
                    Appearance(
                        reason=properties.get("reason", ""),
                        location=properties.get("location", ""),
                        box=box,
                        field_name="BSrE",
                        stamp_lines=("BSrE",),
                    ),
                    timestamper=demo_ca.demo_timestamper(fake.ca),
                )
                self._answer(200, {"time": 123, "file": [base64.b64encode(signed).decode()]})

        return Handler
