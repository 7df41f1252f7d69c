"""`make diff`: claims added, removed and retyped, and text changes, per article."""
from pipeline.diffreport import article_diff


def article(claims, paragraphs):
    return {"title": "T", "claims": claims, "edits": [],
            "sections": [{"heading": None, "level": 2,
                          "blocks": [{"type": "paragraph", "text": p} for p in paragraphs]}]}


def claim(cid, text, types, hedged=False):
    return {"id": cid, "text": text, "types": types, "hedged": hedged, "negated": False,
            "dosage": None}


def test_reviewer_sees_added_removed_and_retyped_claims_and_text_lines():
    old = article([claim("a", "B12 builds myelin.", ["mechanism"]),
                   claim("b", "Take 1 mg daily.", ["dosage"])], ["B12 builds myelin. Take 1 mg daily."])
    new = article([claim("a", "B12 builds myelin.", ["mechanism"], hedged=True),
                   claim("c", "Eggs contain B12.", ["food_source"])], ["B12 builds myelin. Eggs contain B12."])
    report = "\n".join(article_diff("cleaned/x.json", old, new))
    assert "claims: 1 added, 1 removed, 1 retyped" in report
    assert "+ [food_source] Eggs contain B12." in report
    assert "- [dosage] Take 1 mg daily." in report
    assert "~ [mechanism -> mechanism; hedged] B12 builds myelin." in report
    assert "- B12 builds myelin. Take 1 mg daily." in report
    assert "+ B12 builds myelin. Eggs contain B12." in report
