#!/usr/bin/env python3
"""Writes the seed corpora of fuzz_decode and fuzz_ws_read (fuzz/corpus/<target>/) and the
dictionary fuzz/protocol.dict from the messages of docs/protocol.md. fuzz_engine's seeds are grown
by the fuzzer itself and merged (see fuzz/README.md). Deterministic: running it twice gives the
same files."""
import hashlib
import json
import os
import struct

here = os.path.dirname(os.path.abspath(__file__))

# One valid message per client command (docs/protocol.md), then a few that must be refused.
messages = [
    {"type": "hello", "debate": "k3f9x2m4qa", "token": "s3cr3t.t0ken", "last_seq": 41},
    {"type": "hello", "debate": "k3f9x2m4qa", "token": "s3cr3t.t0ken"},
    {"type": "ask", "id": "c7", "text": "What about delivery vans?", "anonymous": True},
    {"type": "ask", "id": 1, "text": "Who pays for the buses?", "anonymous": False},
    {"type": "upvote", "id": 2, "question": "q2", "on": True},
    {"type": "react", "kind": "applause"},
    {"type": "approve", "id": "m1", "question": "q12"},
    {"type": "dismiss", "id": "m2", "question": "q3", "reason": "off topic"},
    {"type": "mark_answered", "question": "q4"},
    {"type": "pin", "question": "q4", "pinned": True},
    {"type": "put_on_air", "question": "q4"},
    {"type": "put_on_air", "question": None},
    {"type": "mute", "participant": "p4", "muted": True},
    {"type": "ban", "participant": "p9", "reason": "spam links"},
    {"type": "start_show"},
    {"type": "advance"},
    {"type": "pause"},
    {"type": "resume"},
    {"type": "end_show"},
    {"type": "set_on_stage", "panelist": "g2", "on": False},
    {"type": "grant_floor", "speaker": "g1", "seconds": 90},
    {"type": "grant_floor", "speaker": "p7"},
    {"type": "extend_floor", "seconds": 30},
    {"type": "end_floor"},
    {"type": "raise_hand", "lane": "direct_reply"},
    {"type": "raise_hand"},
    {"type": "lower_hand"},
    {"type": "request_seat"},
    {"type": "cancel_seat_request"},
    {"type": "seat", "participant": "p3"},
    {"type": "unseat", "participant": "p3"},
    {"type": "post_argument", "text": "Buses are cheaper per rider.", "stance": "for"},
    {"type": "post_argument", "text": "Not at night.", "stance": "against", "parent": "a3",
     "relation": "rebuts", "source": "https://example.org/study"},
    {"type": "approve_argument", "argument": "a2"},
    {"type": "dismiss_argument", "argument": "a2", "reason": "duplicate"},
    {"type": "feature_argument", "argument": "a1"},
    {"type": "feature_argument", "argument": None},
    {"type": "mark_addressed", "argument": "a1"},
    {"type": "rate_argument", "argument": "a1", "rating": "agree"},
    {"type": "create_poll", "kind": "single", "question": "Which line first?", "options": ["Tram", "Bus"]},
    {"type": "create_poll", "kind": "multiple", "question": "Which?", "options": ["A", "B", "C"]},
    {"type": "create_poll", "kind": "scale", "question": "How sure are you?"},
    {"type": "create_poll", "kind": "word_cloud", "question": "One word for the city"},
    {"type": "create_oxford_poll", "phase": "before"},
    {"type": "open_poll", "poll": "v1"},
    {"type": "close_poll", "poll": "v1"},
    {"type": "reveal_poll", "poll": "v1"},
    {"type": "vote", "poll": "v1", "choice": 0},
    {"type": "vote", "poll": "v2", "choice": [0, 2]},
    {"type": "vote", "poll": "v3", "choice": 5, "changed_by": "a4"},
    {"type": "vote", "poll": "v4", "choice": "  Vélo  "},
    {"type": "time", "id": "t1"},
]
raw_frames = [
    b'{"type":"ask","text":"caf\\u00e9 \\ud83d\\ude00","id":"x"}',
    b'{"type":"ask","text":"   ","anonymous":1}',
    b'{"type":"upvote","question":"q0","on":true}',
    b'{"type":"upvote","question":"q4294967296","on":true}',
    b'{"type":"nope"}',
    b'{"id":' + b'9' * 30 + b'}',
    b'[' * 20 + b']' * 20,
    b'{"type":"ask","text":"a","type":"time"}',
    b'{"type":"vote","poll":"v1","choice":1.0}',
    b'\xef\xbb\xbf{"type":"time"}',
    b'{"type":"ask","text":"\xff"}',
    b'',
]


def frame(payload, opcode=1, fin=True, mask=b'\x37\xfa\x21\x3d'):
    """One client frame (clients always mask)."""
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack('>H', n)
    else:
        head += bytes([0x80 | 127]) + struct.pack('>Q', n)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return head + mask + masked


def write(target, blobs):
    folder = os.path.join(here, 'corpus', target)
    os.makedirs(folder, exist_ok=True)
    for blob in blobs:
        name = hashlib.sha1(blob).hexdigest()
        with open(os.path.join(folder, name), 'wb') as f:
            f.write(blob)


def main():
    encoded = [json.dumps(m, ensure_ascii=False, separators=(',', ':')).encode() for m in messages]
    write('fuzz_decode', encoded + raw_frames)

    zero = b'\0\0\0\0'  # a zero mask leaves the payload readable, so dictionary words apply
    hello, ask, vote = encoded[0], encoded[2], encoded[47]
    streams = [
        frame(hello) + frame(ask) + frame(vote),
        frame(hello, mask=zero) + frame(encoded[20], mask=zero),
        frame(ask[:10], fin=False) + frame(b'', opcode=9) + frame(ask[10:], opcode=0),  # ping inside a fragmented message
        frame(b'ping!', opcode=9) + frame(b'', opcode=10) + frame(hello),
        frame(b'\x03\xe8bye', opcode=8) + frame(hello),  # close 1000, then data the server must ignore
        frame(b'\x00\x01\x02', opcode=2),  # binary
        frame(b'x' * 200) + frame(b'{' * 20 + b'}' * 20),
        frame(b'"' + b'a' * 70000 + b'"'),  # over read_message_max
        bytes([0x81, 0xFF]) + struct.pack('>Q', 1 << 62) + zero + b'{}',  # a huge claimed length
        bytes([0x81, 0x05]) + b'hello',  # unmasked: a protocol error from a client
        bytes([0x89, 0xFE]) + struct.pack('>H', 200) + zero + b'p' * 200,  # control frame over 125 bytes
        frame(b'\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5', fin=False) + frame(b'\xed\xa0\x80', opcode=0),
    ]
    # The first byte is the socket's read size: 0 (everything at once), 1 (byte by byte), 7.
    write('fuzz_ws_read', [bytes([size]) + s for s in streams for size in (0, 1, 7)])

    words = sorted({k for m in messages for k in m} | {m["type"] for m in messages} |
                   {"for", "against", "supports", "opposes", "rebuts", "agree", "disagree", "pass",
                    "single", "multiple", "scale", "word_cloud", "before", "after", "new_point",
                    "direct_reply", "laugh", "confused", "true", "false", "null"})
    with open(os.path.join(here, 'protocol.dict'), 'w') as f:
        f.write('# Words of the client protocol (docs/protocol.md), for fuzz_decode and fuzz_ws_read.\n')
        for w in words:
            f.write(json.dumps('"%s"' % w if w not in ("true", "false", "null") else w) + '\n')
        for w in ['"q1"', '"p1"', '"g1"', '"a1"', '"v1"', '"https://"', '\\u00e9', '\\ud83d\\ude00', '{"type":"']:
            f.write(json.dumps(w) + '\n')


if __name__ == '__main__':
    main()
