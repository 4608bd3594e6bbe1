#!/usr/bin/env python3
"""Send the dialogues through the running stack, one guest and conversation per dialogue; score later turns' intent/agent."""
import csv, json, sys, uuid, urllib.request, datetime, collections
BASE = "http://127.0.0.1:8080"
def post(path, body, token=None):
    req = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(req, timeout=40) as r:
        return json.loads(r.read() or b"{}")
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t"))
dialogues = collections.OrderedDict()
for r in rows: dialogues.setdefault(r["dialogue"], []).append(r)
n = agent_ok = intent_ok = 0
for d, turns in dialogues.items():
    token = post("/api/v1/auth/token", {})["access_token"]; conv = None
    for t in sorted(turns, key=lambda t: int(t["turn"])):
        mid = str(uuid.uuid4()); body = {"id": mid, "content": t["message"], "role": "user"}
        if conv: body["conversationId"] = conv
        rep = post("/api/v1/chat/messages", body, token); conv = rep.get("conversationId", conv)
        if int(t["turn"]) > 1:
            n += 1; a = rep.get("agent") == t["agent"]; i = rep.get("intent") == t["intent"]
            agent_ok += a; intent_ok += i
            if not i: print(f"  miss {d}.{t['turn']}: expected {t['intent']}, got {rep.get('agent')}/{rep.get('intent')} ({rep.get('source')}) {mid}: {t['message']}")
print(f"later turns through the stack: n={n} agent={agent_ok/n:.3f} intent={intent_ok/n:.3f}")
