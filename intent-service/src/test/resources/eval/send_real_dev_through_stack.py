#!/usr/bin/env python3
"""Route the real dev set's clear rows through the running stack (issue 17's measure): each message the first turn of
its own guest's conversation over REST. Prints agent/intent accuracy and the clarified fraction per half (tuning half:
origin id ending in an even digit; scoring half: odd). A clarification is right only when the true intent is among
its suggestions; a refusal or scope reply is wrong. Only the tuning half's misses are printed.
Usage: send_real_dev_through_stack.py /work/shared/data/real_dev_routing.tsv [OUT.jsonl]"""
import collections, csv, json, sys
from stack_client import guest, send

rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE)
        if r["clarity"] == "clear"]
out = open(sys.argv[2], "w") if len(sys.argv) > 2 else None
tally = collections.defaultdict(collections.Counter)
for r in rows:
    half = "tuning" if int(r["origin"][-1]) % 2 == 0 else "scoring"
    status, reply = send(guest(), r["message"])
    source = reply.get("source")
    if source == "clarification":
        offered = {s["id"] for s in reply.get("suggestions") or []}
        agent_ok = intent_ok = r["intent"] in offered
    else:
        agent_ok = source != "guardrail" and reply.get("agent") == r["agent"]
        intent_ok = source != "guardrail" and reply.get("intent") == r["intent"]
    t = tally[half]
    t["n"] += 1; t["agent"] += agent_ok; t["intent"] += intent_ok
    t["clarified"] += source == "clarification"; t["declined"] += source == "guardrail"; t["errors"] += status != 200
    if out:
        out.write(json.dumps({"half": half, "origin": r["origin"], "status": status, "source": source,
                              "agent": reply.get("agent"), "intent": reply.get("intent"), "agent_ok": agent_ok,
                              "intent_ok": intent_ok} | ({"message": r["message"][:160], "expected": r["intent"]}
                                                         if half == "tuning" else {})) + "\n")
    if half == "tuning" and not intent_ok:
        print(f"  tuning miss {r['origin']}: expected {r['agent']}/{r['intent']}, got {reply.get('agent')}/"
              f"{reply.get('intent')} ({source}): {r['message'][:100]}")
for half in ("tuning", "scoring"):
    t = tally[half]
    print(f"{half} half through the stack: n={t['n']} agent={t['agent']/t['n']:.3f} intent={t['intent']/t['n']:.3f} "
          f"clarified={t['clarified']/t['n']:.3f} declined={t['declined']} errors={t['errors']}")
