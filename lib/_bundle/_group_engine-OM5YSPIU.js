// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  SpillingGroups,
  loadGroupSpec
} from "./chunk-H7B7X4FO.js";
import {
  SpillDir
} from "./chunk-GB27EYZX.js";
import "./chunk-I2QBOOKM.js";
import "./chunk-DIWDEBFX.js";
import "./chunk-HIO6RDNE.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-4TGYKUN4.js";
import "./chunk-R7VB6IFH.js";
import "./chunk-E2F53XKZ.js";
import "./chunk-Z7NS7ZUO.js";
import "./chunk-65U4WM43.js";
import "./chunk-LTYBISTW.js";
import "./chunk-4W7FL7Y6.js";
export {
  SpillDir,
  SpillingGroups,
  loadGroupSpec
};
