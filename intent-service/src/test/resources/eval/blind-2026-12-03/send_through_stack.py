#!/usr/bin/env python3
"""Send a TSV set through the running stack's REST API, one guest per set_id (conversation), print each reply's
source/intent/agent, and a summary. Usage: run.py FILE KIND OUT.jsonl  (KIND: attacks|lookalikes|offtopic|languages)"""
import collections, csv, json, os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from stack_client import guest, send
fname, kind, out = sys.argv[1], sys.argv[2], sys.argv[3]
rows = list(csv.DictReader(open(fname, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
groups = collections.OrderedDict()
for i, r in enumerate(rows):
    gid = r.get("set_id") or r.get("id") or str(i)
    groups.setdefault(gid, []).append(r)
results = []
with open(out, "w") as f:
    for gid, turns in groups.items():
        token = guest()
        conv = None
        for n, t in enumerate(turns):
            st, rep = send(token, t["message"], conv)
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
