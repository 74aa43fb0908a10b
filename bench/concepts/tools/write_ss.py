import json,sys
exec(open("/tmp/concepts.py").read())
H="kind\titem\tmatched\tskill_id\tlabel\tverdict\tlevel\treason\n"
for split in ["dev","test"]:
    j=json.load(open(f"/tmp/j-{split}.json"))
    with open(f"bench/concepts/judged-{split}.tsv","w") as f:
        f.write(H)
        rows=[("hit",)+tuple(r[1:]) for r in j["rows"]]
        for i,named in j["miss"]:
            rows.append(("missed",i,named,"",C.get(named.lower(),""),"missed","",""))
        for (sp,i),extra in EXTRA.items():
            if sp==split:
                for named,c in extra: rows.append(("missed",i,named,"",c,"missed","","not marked as its own span in SkillSpan"))
        rows.sort(key=lambda r:(int(r[1]),r[0]!="hit"))
        for r in rows:
            f.write("\t".join(str(x).replace("\t"," ") for x in r)+"\n")
    print(split,len(rows))
