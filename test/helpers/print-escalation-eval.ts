/**
 * Prints the escalation triggers' figures on a labelled set:
 * `npx tsx test/helpers/print-escalation-eval.ts [path]` (default: the tuning set).
 */
import { pathToFileURL } from 'node:url';
import { evaluateEscalation, formatEscalationReport, loadEscalationCases } from './escalation-eval.ts';

const path = process.argv[2];
const url = path ? pathToFileURL(path) : new URL('../fixtures/eval/escalation.tuning.json', import.meta.url);
process.stdout.write(`${formatEscalationReport(evaluateEscalation(loadEscalationCases(url)))}\n`);
