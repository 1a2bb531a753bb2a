#!/usr/bin/env python3
"""Twilio fault stand-in: sits in front of prism (Twilio's OpenAPI mock) and plays Twilio's
failures, which prism cannot (Twilio's document declares only 201 for POST Messages/Calls).

Usage:
  twilio_fault_proxy.py --prism http://127.0.0.1:4010 [--port 0] [--hang-seconds 5]
Prints "LISTENING <port>" on stdout when ready. python3 standard library only.

Run prism with -d (dynamic) so every created message gets its own random SID:
  tests/peers/node_modules/.bin/prism mock -d -h 127.0.0.1 -p 4010 \\
      ../shared/fixtures/twilio/twilio_api_v2010.json

Faults, chosen by the last two digits of the POSTed To number (whatsapp: prefix ignored), on
POST .../Messages.json and .../Calls.json; "first attempt" means the first POST of that
(resource, To, Body/ContentSid/Twiml) seen by this proxy, later attempts are forwarded:
  ...90  first attempt: 500 {"code":20500,"message":"Internal Server Error",...}
  ...91  first attempt: 429 with "Retry-After: 1" and Twilio's 20429 body
  ...92  first attempt: forwarded to prism at once (the message IS created and recorded), then
         the answer is held back for --hang-seconds (longer than the client's timeout) and
         written late: the client sees a timeout although the message exists (unknown outcome)
  ...93  first attempt: the request is read, then the connection is closed unanswered
         (not forwarded: the message is NOT created)
  ...94  every attempt: 400 {"code":21211,"message":"The 'To' number ... is not a valid phone
         number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}
  ...95  every attempt: 400 with code 21610 (unsubscribed recipient)
Error bodies follow Twilio's documented format {"code","message","more_info","status"}.
Anything else is forwarded to prism unchanged (so prism still validates it: a request that
breaks Twilio's contract gets prism's 422).

Every message prism created (2xx to POST .../Messages.json) is recorded: sid (from prism's
answer), To, From, Body, ContentSid, date_created/date_sent (the proxy's clock, RFC 2822 GMT),
status "sent". GET .../Messages.json (Twilio's list: To, From, DateSent, DateSent<, DateSent>
i.e. "DateSent>=YYYY-MM-DD" or a full "YYYY-MM-DDTHH:MM:SSZ", PageSize, Page) is first sent to
prism for validation and then answered from these records in Twilio's list format, newest first.
GET /_recorded returns {"messages": [...records...], "attempts": {"<To>": n}}.
"""
import argparse
import email.utils
import http.client
import json
import re
import socket
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

LIST_PATH = re.compile(r"^/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Messages\.json$")
CREATE_PATH = re.compile(r"^/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/(Messages|Calls)\.json$")

state_lock = threading.Lock()
records = []  # dicts in creation order
attempts = {}  # (resource, To, content) -> POSTs seen
attempts_by_to = {}  # To -> POSTs seen
options = None


def twilio_error(code, message, status):
    return status, json.dumps({"code": code, "message": message,
                               "more_info": "https://www.twilio.com/docs/errors/%d" % code,
                               "status": status})


def parse_when(value):
    """A DateSent filter value: YYYY-MM-DD (midnight GMT) or YYYY-MM-DDTHH:MM:SSZ."""
    for pattern in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return None


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _answer(self, status, body, extra=()):
        data = body.encode() if isinstance(body, str) else body
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in extra:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            self.close_connection = True  # the client is gone (the hang case)

    def _forward(self, body):
        target = urlsplit(options.prism)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() not in ("host", "connection", "content-length", "keep-alive")}
        connection.request(self.command, self.path, body=body or None, headers=headers)
        answer = connection.getresponse()
        data = answer.read()
        passed = [(k, v) for k, v in answer.getheaders()
                  if k.lower() not in ("content-length", "connection", "keep-alive",
                                       "transfer-encoding", "content-type", "date")]
        connection.close()
        return answer.status, data, passed

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        if self.command == "GET" and url.path == "/_recorded":
            with state_lock:
                listing = {"messages": list(records), "attempts": dict(attempts_by_to)}
            return self._answer(200, json.dumps(listing))
        created = CREATE_PATH.match(url.path)
        if self.command == "POST" and created:
            return self._create(created.group(2), body)
        listed = LIST_PATH.match(url.path)
        if self.command == "GET" and listed:
            return self._list(listed.group(1), url)
        status, data, passed = self._forward(body)
        self._answer(status, data, passed)

    def _create(self, resource, body):
        form = {k: v[0] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
        to = form.get("To", "")
        digits = re.sub(r"\D", "", to)
        suffix = digits[-2:]
        content = form.get("Body") or form.get("ContentSid") or form.get("Twiml") or ""
        with state_lock:
            key = (resource, to, content)
            attempts[key] = attempts.get(key, 0) + 1
            attempts_by_to[to] = attempts_by_to.get(to, 0) + 1
            first = attempts[key] == 1
        if suffix == "94":
            return self._answer(*twilio_error(
                21211, "The 'To' number %s is not a valid phone number." % to, 400))
        if suffix == "95":
            return self._answer(*twilio_error(
                21610, "Attempt to send to unsubscribed recipient", 400))
        if first and suffix == "90":
            return self._answer(*twilio_error(20500, "Internal Server Error", 500))
        if first and suffix == "91":
            status, text = twilio_error(20429, "Too Many Requests", 429)
            return self._answer(status, text, [("Retry-After", "1")])
        if first and suffix == "93":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return None
        status, data, passed = self._forward(body)
        if 200 <= status < 300 and resource == "Messages":
            self._record(form, data)
        if first and suffix == "92":
            time.sleep(options.hang_seconds)
        return self._answer(status, data, passed)

    def _record(self, form, answer):
        try:
            sid = json.loads(answer).get("sid")
        except ValueError:
            sid = None
        now = time.time()
        with state_lock:
            records.append({
                "sid": sid, "to": form.get("To"), "from": form.get("From"),
                "body": form.get("Body"), "content_sid": form.get("ContentSid"),
                "messaging_service_sid": form.get("MessagingServiceSid"),
                "date_created": email.utils.formatdate(now, usegmt=False).replace("-0000", "+0000"),
                "date_sent": email.utils.formatdate(now, usegmt=False).replace("-0000", "+0000"),
                "created_at": now, "status": "sent"})

    def _list(self, account, url):
        status, data, passed = self._forward(b"")
        if not 200 <= status < 300:  # prism refused the request: pass its verdict on
            return self._answer(status, data, passed)
        query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        after = parse_when(query.get("DateSent>", "")) if "DateSent>" in query else None
        before = parse_when(query.get("DateSent<", "")) if "DateSent<" in query else None
        on_day = parse_when(query.get("DateSent", "")) if "DateSent" in query else None
        page_size = int(query.get("PageSize", "50"))
        with state_lock:
            chosen = []
            for record in reversed(records):
                sent = datetime.fromtimestamp(record["created_at"], timezone.utc)
                if "To" in query and record["to"] != query["To"]:
                    continue
                if "From" in query and record["from"] != query["From"]:
                    continue
                if after and sent < after:
                    continue
                if before and sent > before:
                    continue
                if on_day and sent.date() != on_day.date():
                    continue
                chosen.append(record)
        path = url.path
        uri = path + ("?" + url.query if url.query else "")
        messages = [{
            "account_sid": account, "api_version": "2010-04-01", "body": r["body"],
            "date_created": r["date_created"], "date_sent": r["date_sent"],
            "date_updated": r["date_sent"], "direction": "outbound-api", "error_code": None,
            "error_message": None, "from": r["from"],
            "messaging_service_sid": r["messaging_service_sid"], "num_media": "0",
            "num_segments": "1", "price": None, "price_unit": "USD", "sid": r["sid"],
            "status": r["status"], "to": r["to"],
            "subresource_uris": {"media": "%s/Messages/%s/Media.json" % (
                path.rsplit("/", 1)[0], r["sid"])},
            "uri": "%s/Messages/%s.json" % (path.rsplit("/", 1)[0], r["sid"]),
        } for r in chosen[:page_size]]
        first_query = dict(query, Page="0", PageSize=str(page_size))
        page = {
            "end": max(len(messages) - 1, 0), "first_page_uri": path + "?" + urlencode(first_query),
            "messages": messages, "next_page_uri": None, "page": 0, "page_size": page_size,
            "previous_page_uri": None, "start": 0, "uri": uri,
        }
        return self._answer(200, json.dumps(page))

    do_GET = do_POST = do_DELETE = _handle


class Server(ThreadingHTTPServer):
    request_queue_size = 1024
    daemon_threads = True


def main():
    global options
    parser = argparse.ArgumentParser(description="Twilio fault stand-in in front of prism")
    parser.add_argument("--prism", required=True, help="prism's base URL")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--hang-seconds", type=float, default=5.0)
    options = parser.parse_args()
    server = Server(("127.0.0.1", options.port), Proxy)
    print("LISTENING %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
