"""Run the extraction stages over one article in order; the only module that knows that order."""

from __future__ import annotations

from dataclasses import dataclass

from flashpoint.actors import ActorDictionary, ActorExtractor, load_actor_dictionary
from flashpoint.events import find_events
from flashpoint.figures import find_figures
from flashpoint.gazetteer import Gazetteer, load_gazetteer
from flashpoint.model import Article, Extraction
from flashpoint.places import Geoparser
from flashpoint.sentences import split_sentences
from flashpoint.settings import Settings


@dataclass(frozen=True)
class Pipeline:
    """The extraction stages with their heavy collaborators, built once and reused for every article."""

    geoparser: Geoparser
    actor_extractor: ActorExtractor

    @classmethod
    def build(cls, gazetteer: Gazetteer, actor_dictionary: ActorDictionary, region_prior: str = "MENA") -> Pipeline:
        return cls(Geoparser(gazetteer, region_prior=region_prior), ActorExtractor(actor_dictionary))

    @classmethod
    def load(cls, settings: Settings | None = None) -> Pipeline:
        """Load the default gazetteer and actor dictionary named by the settings."""
        settings = settings or Settings.from_env()
        gazetteer_path = None
        if settings.gazetteer_path:
            from pathlib import Path

            gazetteer_path = Path(settings.gazetteer_path)
        return cls.build(load_gazetteer(gazetteer_path), load_actor_dictionary(), settings.region_prior)

    def extract(self, article: Article) -> Extraction:
        text = article.text
        sentences = split_sentences(text)
        locations = self.geoparser.parse(text)
        actors, actor_links = self.actor_extractor.extract(text, sentences)
        figures = find_figures(text, sentences)
        events = find_events(text, sentences, locations, actors, figures, article.published)
        return Extraction(
            article=article,
            locations=tuple(locations),
            actors=tuple(actors),
            actor_links=tuple(actor_links),
            figures=tuple(figures),
            events=tuple(events),
        )
