"""The running local stack's chat API as the evaluation scripts use it: a guest token, then messages over REST."""
import datetime, json, urllib.error, urllib.request, uuid

BASE = "http://127.0.0.1:8080"


def post(path, body, token=None):
    """POST JSON; returns (status, parsed body), the error's text for an HTTP error."""
    req = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json",
                                          **({"Authorization": "Bearer " + token} if token else {})})
    try:
        with urllib.request.urlopen(req, timeout=40) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, {"error": e.read().decode(errors="replace")[:300]}


def guest():
    """A new guest's token: one per conversation, so no conversation shares a customer's rate or history."""
    return post("/api/v1/auth/token", {})[1]["access_token"]


def send(token, content, conversation_id=None):
    """Sends one customer message; returns (status, reply)."""
    body = {"id": str(uuid.uuid4()), "content": content, "role": "user",
            "timestamp": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")}
    if conversation_id:
        body["conversationId"] = conversation_id
    return post("/api/v1/chat/messages", body, token)
