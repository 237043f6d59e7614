// Everything a channel needs, opened once: rules, translations, the database with places and
// the directory. Channels and the CLI take what they use from here.
import { join } from "node:path";
import { createVocabularyIndex, type VocabularyIndex } from "./rules/aliases.js";
import { loadRuleSet } from "./rules/load.js";
import type { RuleSet } from "./rules/rule-set.js";
import { createI18n, type I18n } from "./i18n/index.js";
import { localeWords } from "./i18n/locale-words.js";
import { localesDir, projectRoot } from "./paths.js";
import { dbPath, openDb, type Db } from "./store/db.js";
import { createPlaceStore, type PlaceStore } from "./places/store.js";
import { createDirectoryStore, loadBundledDirectory, type DirectoryStore } from "./directory/store.js";
import { loadPreviousSecrets, loadSecret } from "./store/secret.js";
import { createSessionStore, type SessionStore } from "./store/sessions.js";
import { createReferralStore, type ReferralStore } from "./referrals/store.js";
import { createStatsStore, type StatsStore } from "./stats/store.js";

export interface App {
  readonly ruleSet: RuleSet;
  readonly vocab: VocabularyIndex;
  readonly i18n: I18n;
  readonly db: Db;
  readonly places: PlaceStore;
  readonly directory: DirectoryStore;
  readonly sessions: SessionStore;
  readonly referrals: ReferralStore;
  readonly stats: StatsStore;
  close(): void;
}

export const bundledDirectoryDir = (): string => join(projectRoot(), "directory");

export function openApp(options: { dbPath?: string } = {}): App {
  const ruleSet = loadRuleSet();
  const i18n = createI18n(ruleSet, localesDir());
  const path = options.dbPath ?? dbPath();
  const db = openDb(path);
  const places = createPlaceStore(db);
  loadBundledDirectory(db, bundledDirectoryDir());
  const directory = createDirectoryStore(db);
  const sessions = createSessionStore(db, loadSecret(path), Date.now, loadPreviousSecrets(path));
  const referrals = createReferralStore(db);
  return {
    ruleSet,
    vocab: createVocabularyIndex(ruleSet.vocabulary, localeWords()),
    i18n,
    db,
    places,
    directory,
    sessions,
    referrals,
    stats: createStatsStore(db),
    close: () => db.close(),
  };
}
