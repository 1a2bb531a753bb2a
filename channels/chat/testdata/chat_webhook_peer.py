#!/usr/bin/env python3
"""A loopback stand-in for Slack and Microsoft Teams incoming webhooks (python3 stdlib only).

Usage: chat_webhook_peer.py [--port N]   (0 = any free port; prints "LISTENING <port>")

It answers as the providers document their incoming webhooks and checks each dialect's shape:
  POST /slack/<any>     JSON object with a non-empty string "text" -> 200 "ok";
                        not JSON -> 400 "invalid_payload"; no text -> 400 "no_text"
  POST /teams/<any>     MessageCard: "@type" == "MessageCard", "@context" a schema.org
                        extensions URL, a non-empty "text" or "summary" -> 200 "1";
                        otherwise 400 "Summary or Text is required." (or "Bad payload
                        received by generic incoming webhook." when not a MessageCard)
  POST /slack/gone      404 "no_service" (webhook revoked)
  POST /slack/archived  410 "channel_is_archived"
  POST /slack/busy      429 "rate_limited" with "Retry-After: 30"
  POST /teams/throttled 200 "Webhook message delivery failed with error: Microsoft Teams
                        endpoint returned HTTP error 429 ..." (how Teams passes on its 429)
  POST /drop            reads the request, closes the connection unanswered
  GET  /_recorded       JSON list of {"path","content_type","json"} of every accepted post
"""
import argparse
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
accepted = []


class Webhook(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _answer(self, status, text, extra=()):
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_recorded":
            with lock:
                return self._answer(200, json.dumps(accepted))
        self._answer(404, "not found")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        path = self.path
        if path == "/drop":
            self.close_connection = True
            self.connection.close()
            return
        if path == "/slack/gone":
            return self._answer(404, "no_service")
        if path == "/slack/archived":
            return self._answer(410, "channel_is_archived")
        if path == "/slack/busy":
            return self._answer(429, "rate_limited", [("Retry-After", "30")])
        if path == "/teams/throttled":
            return self._answer(200, "Webhook message delivery failed with error: Microsoft "
                                     "Teams endpoint returned HTTP error 429 with ContextId ...")
        try:
            payload = json.loads(raw.decode("utf-8"))
        except ValueError:
            payload = None
        if path.startswith("/slack/"):
            if not isinstance(payload, dict):
                return self._answer(400, "invalid_payload")
            if not isinstance(payload.get("text"), str) or not payload["text"]:
                return self._answer(400, "no_text")
            self._accept(path, payload)
            return self._answer(200, "ok")
        if path.startswith("/teams/"):
            if not isinstance(payload, dict) or payload.get("@type") != "MessageCard" or \
                    not str(payload.get("@context", "")).rstrip("/").endswith(
                        "schema.org/extensions"):
                return self._answer(400, "Bad payload received by generic incoming webhook.")
            if not payload.get("text") and not payload.get("summary"):
                return self._answer(400, "Summary or Text is required.")
            self._accept(path, payload)
            return self._answer(200, "1")
        self._answer(404, "not found")

    def _accept(self, path, payload):
        with lock:
            accepted.append({"path": path, "content_type": self.headers.get("Content-Type"),
                             "json": payload})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Webhook)
    server.daemon_threads = True
    print("LISTENING %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
