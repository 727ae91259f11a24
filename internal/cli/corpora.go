package cli

import (
	"path/filepath"

	"github.com/rasd-project/rasd/internal/corpus"
)

// trainingCorpora is the unlabeled and labelled text the train commands
// count words in: the news sample and every CoNLL file under ner/.
type trainingCorpora struct {
	news  []corpus.NewsArticle
	conll [][]corpus.TaggedToken // sentences of all CoNLL files
	files int
}

func readTrainingCorpora(shared string) (*trainingCorpora, error) {
	news, err := corpus.ReadNews(filepath.Join(shared, "news", "saudinewsnet_sample.jsonl"))
	if err != nil {
		return nil, err
	}
	paths, err := filepath.Glob(filepath.Join(shared, "ner", "*", "*.txt"))
	if err != nil {
		return nil, err
	}
	c := &trainingCorpora{news: news, files: len(paths)}
	for _, p := range paths {
		sents, err := corpus.ReadCoNLLFile(p)
		if err != nil {
			return nil, err
		}
		c.conll = append(c.conll, sents...)
	}
	return c, nil
}
