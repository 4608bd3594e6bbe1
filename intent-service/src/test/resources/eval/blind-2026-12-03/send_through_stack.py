#!/usr/bin/env python3
"""Send a TSV set through the running stack's REST API, one guest per set_id (conversation), print each reply's
source/intent/agent, and a summary. Usage: run.py FILE KIND OUT.jsonl  (KIND: attacks|lookalikes|offtopic|languages)"""
import csv, json, sys, uuid, urllib.request, datetime, collections
BASE = "http://127.0.0.1:8080"
def post(path, body, token=None):
    req = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    try:
        with urllib.request.urlopen(req, timeout=40) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, {"error": e.read().decode(errors="replace")[:300]}
fname, kind, out = sys.argv[1], sys.argv[2], sys.argv[3]
rows = list(csv.DictReader(open(fname, encoding="utf-8"), delimiter="\t"))
groups = collections.OrderedDict()
for i, r in enumerate(rows):
    gid = r.get("set_id") or r.get("id") or str(i)
    groups.setdefault(gid, []).append(r)
results = []
with open(out, "w") as f:
    for gid, turns in groups.items():
        st, tok = post("/api/v1/auth/token", {})
        token = tok["access_token"]
        conv = None
        for n, t in enumerate(turns):
            body = {"id": str(uuid.uuid4()), "content": t["message"], "role": "user",
                    "timestamp": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")}
            if conv: body["conversationId"] = conv
            st, rep = post("/api/v1/chat/messages", body, token)
            conv = rep.get("conversationId", conv)
            judged = n == len(turns) - 1
            rec = {"set": gid, "family": t.get("family") or t.get("lang"), "judged": judged, "status": st,
                   "source": rep.get("source"), "intent": rep.get("intent"), "agent": rep.get("agent"),
                   "refs": len(rep.get("references") or []), "message": t["message"][:200], "reply": (rep.get("content") or str(rep))[:200]}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if judged: results.append(rec)
src = collections.Counter(r["source"] for r in results)
print(f"{fname}: {len(results)} judged; sources {dict(src)}")
byfam = collections.defaultdict(collections.Counter)
for r in results: byfam[r["family"]][r["source"]] += 1
for fam, c in byfam.items(): print(f"  {fam}: {dict(c)}")
