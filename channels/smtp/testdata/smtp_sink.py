"""A real SMTP server (aiosmtpd) for the e-mail channel's tests.

Usage: /usr/bin/python3 smtp_sink.py FOLDER

Listens on 127.0.0.1 on a free port and prints "READY <port>" once it accepts connections.
Every accepted message N (1, 2, ...) is stored as FOLDER/N.eml (the bytes after DATA, dot-stuffing
undone) and FOLDER/N.json: the envelope plus what Python's own email parser makes of it (decoded
headers, bodies, attachments, the attachment bytes in FOLDER/N.attK). Recipients whose local part
starts with "bounce" get 550, "busy" get 451; a message to "slow..." is answered after 30 s.
"""
import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("bounce"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if local.startswith("busy"):
            return "451 4.2.0 <%s>: Mailbox busy, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(r.startswith("slow") for r in envelope.rcpt_tos):
            await asyncio.sleep(30)
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        raw = envelope.original_content
        with open(base + ".eml", "wb") as f:
            f.write(raw)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parsed = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": {k: str(v) for k, v in message.items()},
            "content_type": message.get_content_type(),
            "parts": [p.get_content_type() for p in message.walk()],
            "text": message.get_body(preferencelist=("plain",)).get_content(),
            "html": None,
            "attachments": [],
        }
        html = message.get_body(preferencelist=("html",))
        if html is not None and html.get_content_type() == "text/html":
            parsed["html"] = html.get_content()
        for k, part in enumerate(message.iter_attachments()):
            path = "%s.att%d" % (base, k)
            with open(path, "wb") as f:
                f.write(part.get_payload(decode=True))
            parsed["attachments"].append({"filename": part.get_filename(),
                                          "content_type": part.get_content_type(),
                                          "file": path})
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump(parsed, f, ensure_ascii=False)
        return "250 2.0.0 Ok: queued as %d" % self.count


async def main(folder):
    sink = Sink(folder)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, decode_data=False, hostname="sink.test"), "127.0.0.1", 0)
    print("READY %d" % server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
