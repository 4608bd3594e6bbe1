#!/usr/bin/env python3
"""Send the dialogues through the running stack, one guest and conversation per dialogue; score later turns' intent/agent."""
import collections, csv, sys
from stack_client import guest, send
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
dialogues = collections.OrderedDict()
for r in rows: dialogues.setdefault(r["dialogue"], []).append(r)
n = agent_ok = intent_ok = 0
for d, turns in dialogues.items():
    token = guest(); conv = None
    for t in sorted(turns, key=lambda t: int(t["turn"])):
        rep = send(token, t["message"], conv)[1]; conv = rep.get("conversationId", conv)
        if int(t["turn"]) > 1:
            n += 1; a = rep.get("agent") == t["agent"]; i = rep.get("intent") == t["intent"]
            agent_ok += a; intent_ok += i
            if not i: print(f"  miss {d}.{t['turn']}: expected {t['intent']}, got {rep.get('agent')}/{rep.get('intent')} ({rep.get('source')}) {rep.get('messageId')}: {t['message']}")
print(f"later turns through the stack: n={n} agent={agent_ok/n:.3f} intent={intent_ok/n:.3f}")
