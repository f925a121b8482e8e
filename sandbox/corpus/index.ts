/**
 * @module The sandbox's fault corpus: apps the offline engine writes from varied ideas, each
 * kept clean or given one injected fault. Generated on demand (deterministic), not stored.
 */
import { offlineApp, type OfflineApp } from "../../shared/offline/app.ts";
import type { AppFile } from "../bundle.ts";
import { FAULT_CLASSES, inject, type Fault } from "./faults.ts";

export { FAULT_CLASSES, inject, type Fault, type FaultClass } from "./faults.ts";

/** Thirty ideas across the engine's domains: services, shops, content, groups, work, money. */
export const CORPUS_IDEAS = [
  "A CRM for dog walkers",
  "a booking system for a small yoga studio",
  "A marketplace for renting camping gear between neighbours",
  "online course platform for yoga teachers",
  "inventory tracker for a bakery",
  "a recipe sharing site for home cooks",
  "volunteer scheduling for a food bank",
  "an invoicing tool for freelance designers",
  "a blog for a hiking club",
  "patient appointments for a dental clinic",
  "a habit tracker",
  "an event ticketing app for indie concerts",
  "a library for a school to lend books",
  "a gym membership manager",
  "a plant care reminder app",
  "a car repair shop job tracker",
  "a wedding planner with guests and vendors",
  "a tutoring agency matching tutors and students",
  "an expense splitter for roommates",
  "a property manager for rental flats",
  "a help desk for a small software company",
  "a football league with teams, fixtures and results",
  "a photography studio booking and invoices",
  "a farm shop selling vegetables boxes",
  "a newsletter with subscribers and issues",
  "a bike rental shop",
  "a kanban board for a design team",
  "a pet adoption shelter",
  "a music teacher's lesson planner",
  "todo",
] as const;


/** An app of the corpus with its injected fault. */
export type FaultyApp = Omit<OfflineApp, "files"> & { files: AppFile[]; fault: Fault };

/** The corpus's faulty apps: idea i gets fault class i mod 6, so each class has five apps. */
export async function faultyApps(ideas: readonly string[] = CORPUS_IDEAS): Promise<FaultyApp[]> {
  const apps = [];
  for (const [i, idea] of ideas.entries()) {
    const app = await offlineApp(idea);
    const { files, fault } = inject(app.files, FAULT_CLASSES[i % FAULT_CLASSES.length]!, i);
    apps.push({ ...app, files, fault });
  }
  return apps;
}
