"""Export the fitted classifier to the numpy-only model that ships in the package.

    .venv/bin/python -m datamorph.monitor.export      # rewrites monitor/data/model.{json,npz}

Run it after changing the corpus, the runbooks or the model's code (corpus.model_key names
what counts); tests/monitor/test_fast_model.py fails while the shipped model is stale. The
fitted sklearn objects' parameters are read and checked here: anything fast_model does not
reproduce (stop words, accents, a custom tokenizer, binary counts...) is refused, not guessed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier

from datamorph.monitor import model_files
from datamorph.monitor.classifier import Classifier
from datamorph.monitor.fast_model import FastTextModel, Linear, Tfidf
from datamorph.monitor.training import TextModel

# The settings fast_model.Tfidf does not implement must have these values.
_TFIDF_DEFAULTS: dict[str, Any] = {
    "input": "content",
    "strip_accents": None,
    "preprocessor": None,
    "tokenizer": None,
    "stop_words": None,
    "binary": False,
    "use_idf": True,
    "dtype": np.float64,
}


def to_fast(classifier: Classifier) -> Classifier:
    """The same fitted model, with numpy-only inference (the knowledge base is shared)."""
    text_model = classifier.text_model
    if not isinstance(text_model, TextModel) or not isinstance(
        classifier.stacker, LogisticRegression
    ):
        raise TypeError("to_fast expects a classifier fitted by monitor/training.py")
    fast_text = FastTextModel(
        words=tfidf(text_model.words), chars=tfidf(text_model.chars), model=sgd(text_model.model)
    )
    return Classifier(fast_text, logistic(classifier.stacker), classifier.kb)


def tfidf(vectorizer: TfidfVectorizer) -> Tfidf:
    params = vectorizer.get_params()
    for name, expected in _TFIDF_DEFAULTS.items():
        if params[name] != expected:
            raise ValueError(f"TfidfVectorizer {name}={params[name]!r} is not exported")
    if params["analyzer"] not in ("word", "char_wb") or params["norm"] not in ("l2", None):
        raise ValueError(f"TfidfVectorizer analyzer/norm {params['analyzer']}/{params['norm']}")
    return Tfidf(
        analyzer=params["analyzer"],
        ngram_range=(int(params["ngram_range"][0]), int(params["ngram_range"][1])),
        lowercase=bool(params["lowercase"]),
        token_pattern=str(params["token_pattern"]),  # applied with re.findall, as sklearn does
        sublinear_tf=bool(params["sublinear_tf"]),
        norm=params["norm"],
        vocabulary={term: int(i) for term, i in vectorizer.vocabulary_.items()},
        idf=np.asarray(vectorizer.idf_, dtype=np.float64),
    )


def sgd(model: SGDClassifier) -> Linear:
    if model.loss != "log_loss":
        raise ValueError(f"SGDClassifier loss={model.loss!r} has no exported predict_proba")
    # SGD is one-vs-rest for several classes: expit of each score, rows normalised.
    return _linear(model, "ovr")


def logistic(model: LogisticRegression) -> Linear:
    # sklearn >= 1.7 fits several classes multinomially (softmax); 'ovr' would be expit + norm.
    multi_class = getattr(model, "multi_class", "deprecated")
    return _linear(model, "ovr" if multi_class == "ovr" else "softmax")


def _linear(model: SGDClassifier | LogisticRegression, link: str) -> Linear:
    return Linear(
        coef=np.ascontiguousarray(model.coef_, dtype=np.float64),
        intercept=np.asarray(model.intercept_, dtype=np.float64),
        classes_=np.asarray(model.classes_, dtype=object),
        link=link,
    )


def export(directory: Path | None = None) -> Path:
    """Train on the whole corpus (bm25 retrieval) and write the shipped model files."""
    from datamorph.monitor.corpus import SHIPPED, load_corpus, model_key, shipped_directory
    from datamorph.monitor.knowledge import load_runbooks

    fitted = Classifier.train(load_corpus(), load_runbooks(), backend="bm25")
    target = directory or shipped_directory()
    model_files.save(to_fast(fitted), target, SHIPPED, model_key("bm25"))
    return target / f"{SHIPPED}.json"


def main() -> None:
    path = export(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"wrote {path} and {path.with_suffix('.npz')}")


if __name__ == "__main__":
    main()
