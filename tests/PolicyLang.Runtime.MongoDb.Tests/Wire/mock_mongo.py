#!/usr/bin/python3
"""A wire-protocol MongoDB for PolicyLang's wire tests, built on Debian's python3-mockupdb. It is not a database:
it answers the handshake, logs every other command it receives, and replies from a script.

Usage: /usr/bin/python3 mock_mongo.py <port> <replies.json> <log.jsonl>
Prints "PORT <n>" once it listens on 127.0.0.1:<port> (0: any free port), then serves until killed.

replies.json (canonical Extended JSON) maps a command name to a list of replies, used in order (the last one repeats;
no entry means {"ok": 1}). Special replies:
  {"$batch": [docs]}            a cursor reply whose namespace is the command's collection
  {"$deleteCount": true}        {"ok": 1, "n": <number of _id values in the delete's $in>}
  {"$documentsById": [docs]}    a cursor reply with the docs whose _id is in the find's {_id: {$in: [...]}}, by _id
Each log line is {"command": name, "doc": <the command document>} in canonical Extended JSON, so types survive
(handshakes are logged as {"command": "isMaster"|"hello", "doc": {...: 1}} to prove one happened, or did not).
"""
import sys
import threading
from datetime import datetime, timezone

from bson import json_util
from bson.json_util import CANONICAL_JSON_OPTIONS
from mockupdb import MockupDB

HELLO = {
    "ismaster": True, "isWritablePrimary": True, "helloOk": True,
    "maxWireVersion": 21, "minWireVersion": 0,
    "maxBsonObjectSize": 16 * 1024 * 1024, "maxMessageSizeBytes": 48000000, "maxWriteBatchSize": 100000,
    "logicalSessionTimeoutMinutes": 30, "connectionId": 1, "ok": 1,
}

with open(sys.argv[2], encoding="utf-8") as f:
    scripted = json_util.loads(f.read())
log = open(sys.argv[3], "a", encoding="utf-8")
lock = threading.Lock()
used = {}


def cursor(doc, name, batch):
    return {"cursor": {"id": 0, "ns": "%s.%s" % (doc.get("$db", "test"), doc[name]), "firstBatch": batch}, "ok": 1}


def expand(name, doc, reply):
    if "$batch" in reply:
        return cursor(doc, name, reply["$batch"])
    if "$deleteCount" in reply:
        return {"ok": 1, "n": sum(len(d["q"]["_id"]["$in"]) for d in doc["deletes"])}
    if "$documentsById" in reply:
        wanted = doc["filter"]["_id"]["$in"]
        found = [d for d in reply["$documentsById"] if d["_id"] in wanted]
        return cursor(doc, name, sorted(found, key=lambda d: d["_id"]))
    return reply


def handle(request):
    doc = request.doc
    name = next(iter(doc))
    if name.lower() in ("ismaster", "hello"):
        with lock:
            log.write(json_util.dumps({"command": name, "doc": {name: 1}}, json_options=CANONICAL_JSON_OPTIONS) + "\n")
            log.flush()
        return request.replies(dict(HELLO, localTime=datetime.now(timezone.utc)))
    with lock:
        log.write(json_util.dumps({"command": name, "doc": doc}, json_options=CANONICAL_JSON_OPTIONS) + "\n")
        log.flush()
        queue = scripted.get(name, [])
        index = used.get(name, 0)
        used[name] = index + 1
        reply = queue[min(index, len(queue) - 1)] if queue else {"ok": 1}
    return request.replies(expand(name, doc, reply))


server = MockupDB(port=int(sys.argv[1]), verbose=False, request_timeout=60)
server.autoresponds(handle)
port = server.run()
print("PORT %d" % port, flush=True)
threading.Event().wait()
