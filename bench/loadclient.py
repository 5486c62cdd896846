"""One client of the load test: an API client or a browser on one keep-alive
connection, reading and writing as the Board or a partner until its deadline."""

import datetime
import http.client
import json
import os
import random
import secrets
import threading
import time

HOST, PORT = "127.0.0.1", int(os.environ.get("LOAD_PORT", "8766"))


class Client(threading.Thread):
    """One API client or browser on one keep-alive connection."""

    def __init__(self, number: int, spec: dict, deadline: float, record):
        super().__init__(daemon=True)
        self.number = number
        self.spec = spec
        self.deadline = deadline
        self.record = record
        self.rng = random.Random(number)
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
        self.created: list[int] = []
        self.titles: list[str] = []
        self.summaries: dict[int, str] = {}  # use case -> the last summary that was saved
        self.edits: list[str] = []
        self.toggles = 0
        self.milestones = dict(spec["ms"])

    def request(self, op, method, path, body=None, *, api=True):
        headers = {"Accept": "application/json" if api else "text/html"}
        if api:
            headers["Authorization"] = f"Bearer {self.spec['token']}"
        else:
            headers["Cookie"] = f"sessionid={self.spec['session']}"
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers=headers)
            response = self.conn.getresponse()
            payload = response.read()
            status = response.status
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
            status, payload = 599, b""
        self.record(op, status, (time.perf_counter() - started) * 1000)
        return status, payload

    def create(self):
        title = f"Load {self.number}-{len(self.titles)} {secrets.token_hex(3)}"
        body = {
            "title": title,
            "summary": "Aangemaakt door de belastingtest.",
            "intervention": self.rng.choice(
                ["ai-semicon", "slimme-verbonden-systemen", "mediatech"]
            ),
            "sectors": ["industry"],
            "needed_capabilities": ["ai"],
        }
        if self.spec["role"] == "board":
            body["organisation"] = "org-1"
        status, payload = self.request("create use case", "POST", "/api/v1/use-cases/", body)
        if status == 201:
            self.created.append(json.loads(payload)["id"])
            self.titles.append(title)

    def edit(self):
        if not self.created:
            return self.create()
        pk = self.rng.choice(self.created)
        summary = f"Bewerkt {self.number}-{len(self.edits)} {secrets.token_hex(4)}"
        status, _payload = self.request(
            "edit use case", "PATCH", f"/api/v1/use-cases/{pk}/", {"summary": summary}
        )
        if status == 200:
            self.edits.append(summary)
            self.summaries[pk] = summary

    def toggle_milestone(self):
        if not self.milestones:
            return self.read_list()
        pk = self.rng.choice(list(self.milestones))
        done = self.milestones[pk] is not None
        value = None if done else datetime.date.today().isoformat()
        status, _payload = self.request(
            "mark milestone", "PATCH", f"/api/v1/milestones/{pk}/", {"completed_on": value}
        )
        if status == 200:
            self.milestones[pk] = value
            self.toggles += 1

    def read_list(self):
        page = self.rng.randint(1, 5)
        self.request("list use cases", "GET", f"/api/v1/use-cases/?page={page}")

    def read_detail(self):
        ids = self.created or self.spec["public_ids"]
        pk = self.rng.choice(ids + self.spec["public_ids"][:20])
        self.request("read use case", "GET", f"/api/v1/use-cases/{pk}/")

    def read_other(self):
        path = self.rng.choice(
            ["/api/v1/milestones/", "/api/v1/action-lines/", "/api/v1/coalitions/"]
        )
        self.request("list other", "GET", path)

    def portal(self):
        path = self.rng.choice(["/", "/use-cases/", "/interventies/ai-semicon/", "/coalities/"])
        self.request("portal page", "GET", path, api=False)

    def run(self):
        actions = [
            (self.read_list, 22),
            (self.read_detail, 20),
            (self.create, 10),
            (self.edit, 12),
            (self.toggle_milestone, 10),
            (self.read_other, 8),
            (self.portal, 18),
        ]
        choices, weights = zip(*actions, strict=True)
        try:
            while time.perf_counter() < self.deadline:
                self.rng.choices(choices, weights)[0]()
        finally:
            self.conn.close()
