// A Backstage Tech Insights fact retriever for the facts file a sphinx-svcready docs build writes
// (svcready_export_facts = "svcready-facts.json") or `svcready check --format facts` prints.
//
// Register it with the tech insights backend's fact retrievers, and set where the file is
// published in app-config.yaml:
//
//   svcready:
//     factsUrl: https://docs.example.com/platform/svcready-facts.json
//
// The file's items already have the shape of a TechInsightFact except for one field: the fact
// store calls `.toISO()` on `timestamp`, so it must be a luxon DateTime, not the ISO text the file
// holds. Everything else is returned as it is read. tests/core/test_backstage_example.py checks that the
// schema below names every fact the package writes, with its type.

import { DateTime } from 'luxon';
import {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';

type FactsFile = {
  format: 'svcready-facts';
  version: string;
  items: Array<{
    entity: { namespace: string; kind: string; name: string };
    entityRef: string;
    timestamp: string;
    facts: TechInsightFact['facts'];
  }>;
};

export const svcreadyFactRetriever: FactRetriever = {
  id: 'svcready-facts',
  version: '1.0.0',
  title: 'Production readiness (sphinx-svcready)',
  description: 'The readiness of each service, as its docs build judged it.',
  entityFilter: [{ kind: 'component' }],
  schema: {
    svcready_ready: {
      type: 'boolean',
      description: 'The service is ready: read, valid, nothing unanswered, no expired waiver, its review not stale, no answer contradicted by its repository and its required level reached.',
    },
    svcready_considerations: { type: 'integer', description: 'Considerations of the checklist.' },
    svcready_answered: { type: 'integer', description: 'Considerations answered.' },
    svcready_not_applicable: { type: 'integer', description: 'Considerations in which every question is not applicable.' },
    svcready_waived: { type: 'integer', description: 'Considerations with a waived question and no unanswered one.' },
    svcready_unanswered: { type: 'integer', description: 'Considerations with at least one unanswered question or expired waiver.' },
    svcready_unanswered_questions: { type: 'integer', description: 'Questions unanswered, including those with an expired waiver.' },
    svcready_verified: { type: 'integer', description: "Answers the service's repository confirmed (evidence probes)." },
    svcready_contradicted: { type: 'integer', description: "Answers the service's repository contradicts; any makes the service not ready." },
    svcready_contradicted_questions: { type: 'set', description: 'The questions (consideration.question) whose answers the repository contradicts.' },
    svcready_unanswered_considerations: { type: 'set', description: 'The keys of the unanswered considerations, in checklist order.' },
  },
  async handler(ctx: FactRetrieverContext): Promise<TechInsightFact[]> {
    const url = ctx.config.getString('svcready.factsUrl');
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(`svcready facts: ${url} answered ${response.status}`);
    }
    const file = (await response.json()) as FactsFile;
    if (file.format !== 'svcready-facts') {
      throw new Error(`svcready facts: ${url} is not a svcready facts file`);
    }
    return file.items.map(item => ({
      entity: item.entity,
      facts: item.facts,
      timestamp: DateTime.fromISO(item.timestamp, { zone: 'utc' }),
    }));
  },
};
