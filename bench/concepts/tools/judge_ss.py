import json, sys, subprocess, re
sys.path.insert(0,"/tmp")
exec(open("/tmp/sample.py").read().split("for split in")[0])  # spans_from_bio
W="wrong"; R="right"
PAIR={
"engineering|packaging engineering":(W,"","generic 'engineering', not packaging engineering"),
"communication|communication":(R,"exact",""),
"design|think creatively":(W,"","'design' (system/product design) is not creative thinking"),
"agile|ict project management methodologies":(R,"class",""),
"scrum|ict project management methodologies":(R,"class",""),
"current|electricity principles":(W,"","'current' means present, not electric current"),
"processes|perform ground-handling maintenance procedures":(W,"","generic 'processes', not aircraft ground handling"),
"lead|lead others":(W,"","'lead' in a job title or as a verb for a task, not leading people"),
"devops|devops":(R,"exact",""),
"scale|design principles":(W,"","'scale' (size) is not design principles"),
"english|english":(R,"exact",""),
"react|web platform development software":(R,"class",""),
"language|terminology":(W,"","'language' (spoken/programming) is not terminology"),
"javascript|javascript":(R,"product",""),
"python|object or component oriented development software":(R,"class",""),
"node.js|web platform development software":(R,"class",""),
"energy|energy":(W,"","company description, not a skill the job asks for"),
"sql|sql":(R,"product",""),
"reporting|journalism":(W,"","business reporting is not journalism"),
"planning|design ventilation network":(W,"","generic planning, not mine ventilation"),
"docker|application server software":(R,"class",""),
"computer science|computer science":(R,"exact",""),
"ansible|ansible":(R,"product",""),
"work independently|work independently":(R,"exact",""),
"typescript|typescript":(R,"product",""),
"troubleshooting|troubleshoot":(R,"exact",""),
"troubleshoot|troubleshoot":(R,"exact",""),
"survey|surveying":(W,"","a questionnaire survey, not land surveying"),
"security|securities":(W,"","security (IT/safety) is not securities (finance)"),
"project management|project management":(R,"exact",""),
"microscopy|microscopic techniques":(R,"exact",""),
"linux|operating system software":(R,"class",""),
"information technology|computer technology":(R,"class",""),
"economics|economics":(R,"exact",""),
"database|database":(R,"exact",""),
"data warehouse|data warehouse":(R,"exact",""),
"coordination|logistics":(W,"","coordination of work is not logistics"),
"c++|c++":(R,"product",""),
"c#|c#":(R,"product",""),
"business analysis|business analysis":(R,"exact",""),
"balance|design principles":(W,"","work/life balance, not design principles"),
"unity|design principles":(W,"","Unity is the game engine, not design unity"),
"strategic planning|strategic planning":(R,"exact",""),
"stem cell|stem cells":(R,"exact",""),
"sounds|acoustics":(W,"","'sounds like' (verb), not acoustics"),
"soccer|football":(W,"","office perk (team activities), not a skill"),
"sell products|sell products":(W,"","what the company does, not the job"),
"scripting|ict system programming":(W,"","scripting is not system programming (ESCO has 'scripting programming')"),
"saas|service-oriented modelling":(W,"","SaaS as an industry label, not service-oriented modelling"),
"risk management|risk management":(R,"exact",""),
"restful api|web platform development software":(R,"class",""),
"renewable energy technologies|renewable energy technologies":(W,"","company description, not a skill the job asks for"),
"programming languages|development environment software":(W,"","programming languages are not development environment software (ESCO: computer programming)"),
"process payments|process payments":(W,"","company's scale, not the job's task"),
"postgresql|postgresql":(R,"product",""),
"polymers|polymer chemistry":(R,"class",""),
"physics|physics":(R,"exact",""),
"php|php":(R,"product",""),
"pharmaceutical industry|pharmaceutical industry":(R,"exact",""),
"pharma industry|pharmaceutical industry":(W,"","company description, not a skill the job asks for"),
"patterns|dies":(W,"","software patterns, not dies/moulds"),
"molecular biology|molecular biology":(R,"exact",""),
"medicines|medicines":(W,"","company description, not a skill the job asks for"),
"mechanisms|mechanical systems":(W,"","biological mechanisms, not mechanical systems"),
"measurement|metrology":(W,"","team name 'Performance Measurement', not metrology"),
"mathematics|mathematics":(R,"exact",""),
"massage|give massages":(W,"","office perk, not a skill"),
"mass-spectrometry|mass spectrometry":(R,"exact",""),
"mass spectrometry|mass spectrometry":(R,"exact",""),
"make decisions|make decisions":(R,"exact",""),
"logging|logging":(W,"","software logging, not timber felling"),
"jquery|object or component oriented development software":(R,"class",""),
"international law|international law":(R,"exact",""),
"hr management|human resource management":(W,"","company boilerplate about its HR practices"),
"highlighting|hair colouring":(W,"","'highlighting' (pointing out), not hair colouring"),
"hadoop|hadoop":(R,"product",""),
"grading system|grading systems":(W,"","application instructions (Danish grading system)"),
"gmp|good manufacturing practices":(R,"exact",""),
"github|application server software":(W,"","a link to GitHub; GitHub is not application server software"),
"git|file versioning software":(R,"class",""),
"german|german":(W,"","a perk (German classes), not a requirement"),
"generators|electrical machines":(W,"","company description (fresh water generators)"),
"general surgery|general surgery":(W,"","name of the department, not a skill asked for"),
"french|french":(R,"exact",""),
"flask|development environment software":(R,"class",""),
"django|web platform development software":(R,"class",""),
"first aid|first aid":(R,"exact",""),
"financial data|economics":(W,"","financial data is not economics; company description"),
"establish collaborative relations|establish collaborative relations":(R,"exact",""),
"ergonomics|ergonomics":(W,"","office perk (standing desks)"),
"energy transformation|energy transformation":(W,"","company description, not a skill the job asks for"),
"encourage employees|motivate employees":(W,"","company perk (public transport), not a skill"),
"electrical engineering|electrical engineering":(W,"","name of the hiring department, not a skill asked for"),
"dynatrace|network monitoring software":(R,"class",""),
"dermatology|dermatology":(W,"","company description, not a skill the job asks for"),
"demonstrate enthusiasm|demonstrate enthusiasm":(R,"exact",""),
"data & analytics|unstructured data":(W,"","'Data & Analytics' industry label, not unstructured data"),
"dairy products|dairy products":(R,"exact",""),
"czech|czech":(R,"exact",""),
"css|css":(R,"product",""),
"cosmetics-industry|cosmetics industry":(W,"","company description, not a skill the job asks for"),
"cosmetics industry|cosmetics industry":(W,"","company description, not a skill the job asks for"),
"correspondence|communication":(R,"class",""),
"control systems|control systems":(R,"exact",""),
"confidence|assertiveness":(R,"class",""),
"computer graphics software|graphics or photo imaging software":(W,"","crosses two list items (Computer Graphics / Software Development); not imaging software"),
"computer equipment|computer equipment":(R,"exact",""),
"computer|computer equipment":(W,"","'computer networks' (attacks on them), not computer equipment"),
"communicating|communication":(W,"","software components communicating via an API"),
"cloud computing|cloud technologies":(R,"exact",""),
"clinical trials|pharmaceutical drug development":(W,"","company description, not a skill the job asks for"),
"bpmn|business process modelling":(R,"class",""),
"biotechnology|biotechnology":(R,"exact",""),
"biology|biology":(R,"class",""),
"bash|operating system software":(R,"class",""),
"banking|economics":(W,"","banking is not economics (industry label)"),
"asp.net|asp.net":(R,"product",""),
"architecture & design|architectural design":(W,"","software architecture, not building design"),
"analyze|analytical or scientific software":(W,"","the verb 'analyze', not software"),
"analyse business requirements|analyse business requirements":(R,"exact",""),
"algorithm|algorithms":(R,"exact",""),
"aesthetics|aesthetics":(R,"exact",""),
}
# per item overrides: (split,item,matched lower) -> verdict
OVR={
("dev",2562,"communication"):(W,"","what the faculty does (research, teaching, communication), not a skill asked for"),
("dev",951,"communication"):(W,"","'communication protocols' (networking), not the soft skill"),
("test",2550,"lead"):(R,"exact",""),
("test",3072,"devops"):(W,"","'DevOps' here means the DevOps people one pairs with"),
("dev",2402,"x"):None,
}
split=sys.argv[1]
pick=json.load(open(f"/tmp/pick-{split}.json"))
sents=[]
for line in open(f"/work/shared/data/skillspan/json/{split}.json"):
    d=json.loads(line); sents.append(spans_from_bio(d["tokens"],[d["tags_skill"],d["tags_knowledge"]]))
texts=[sents[i][0] for i in pick]
out=subprocess.run(["target/release/milemarker","skills","extract","--lines","--json","-"],input="\n".join(texts)+"\n",capture_output=True,text=True,check=True).stdout.splitlines()
rows=[];miss=[]
for i,l in zip(pick,out):
    t,g=sents[i]; b=t.encode()
    covered=[]
    for h in json.loads(l):
        key=h["matched"].lower()+"|"+h["label"].lower()
        v=OVR.get((split,i,h["matched"].lower())) or PAIR[key]
        rows.append(("hit",i,h["matched"],h["id"],h["label"],v[0],v[1],v[2]))
        if v[0]==R:
            s=len(b[:h["start"]].decode()); e=len(b[:h["end"]].decode()); covered.append((s,e))
    for s,e in g:
        if not any(a<e and s<bb for a,bb in covered):
            miss.append((i,t[s:e]))
json.dump({"rows":rows,"miss":miss},open(f"/tmp/j-{split}.json","w"))
print(len(rows),sum(r[5]==R for r in rows),len(miss))
for m in miss: print(f"{m[0]}\t{m[1]}")
