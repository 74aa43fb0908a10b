import json, random, subprocess, sys
sys.path.insert(0, "bench")
ROOT="/work/wt-eval"
def spans_from_bio(tokens, tags_list):
    starts, pos = [], 0
    for t in tokens:
        starts.append(pos); pos += len(t) + 1
    spans = set()
    for tags in tags_list:
        begin = None
        for i, tag in enumerate(tags + ["O"]):
            inside = tag.startswith("I") and begin is not None
            if begin is not None and not inside:
                spans.add((starts[begin], starts[i - 1] + len(tokens[i - 1]))); begin = None
            if tag.startswith("B") or (tag.startswith("I") and begin is None):
                begin = i
    return " ".join(tokens), sorted(spans)
for split in ["dev","test"]:
    sents=[]
    for line in open(f"/work/shared/data/skillspan/json/{split}.json"):
        d=json.loads(line); sents.append(spans_from_bio(d["tokens"],[d["tags_skill"],d["tags_knowledge"]]))
    texts=[t for t,_ in sents]
    out=subprocess.run([ROOT+"/target/release/milemarker","skills","extract","--lines","--json","-"],input="\n".join(texts)+"\n",capture_output=True,text=True,check=True).stdout.splitlines()
    hits=[json.loads(l) for l in out]
    elig=[i for i,(t,g) in enumerate(sents) if g or hits[i]]
    pick=sorted(random.Random(19).sample(elig,150))
    print(split,len(sents),len(elig),file=sys.stderr)
    with open(f"/tmp/dump-{split}.txt","w") as f:
        for i in pick:
            t,g=sents[i]
            f.write(f"## {i}: {t}\n")
            for s,e in g: f.write(f"   G: {t[s:e]}\n")
            for h in hits[i]: f.write(f"   H: {h['matched']} -> {h['label']} [{h['id'].rsplit('/',1)[-1]}]\n")
    json.dump(pick, open(f"/tmp/pick-{split}.json","w"))
