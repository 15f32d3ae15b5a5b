// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  SpillingGroups,
  loadGroupSpec
} from "./chunk-6ASD23AN.js";
import {
  SpillDir
} from "./chunk-BMYEILBH.js";
import "./chunk-DIWDEBFX.js";
import "./chunk-HIO6RDNE.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-GL4ANG52.js";
import "./chunk-RK7ET6WN.js";
import "./chunk-65U4WM43.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-Z7NS7ZUO.js";
import "./chunk-3ILZAVZR.js";
import "./chunk-IUDX72IL.js";
export {
  SpillDir,
  SpillingGroups,
  loadGroupSpec
};
