// Copyright 2026 the sluice authors. MIT license.
// Generated from lib/ by `deno task bundle` (Deno 2.9.6): do not edit.
import {
  group,
  groupOutput
} from "./chunk-TSRVC6KO.js";
import "./chunk-W6INNASD.js";
import "./chunk-ZRHYO3PC.js";
import "./chunk-465NUAZW.js";
import "./chunk-AJRTXXC2.js";
import "./chunk-LOZ4VUR7.js";
import "./chunk-54EGYELG.js";
import "./chunk-DFUAQLRK.js";
import "./chunk-G2M2G3YN.js";
import "./chunk-BHVBMKKE.js";
import "./chunk-EKLR5R5G.js";
import "./chunk-M3KXK6WR.js";
import "./chunk-DIWDEBFX.js";
import "./chunk-7IW3YWLL.js";
import "./chunk-AWZEESY4.js";
import "./chunk-NAUBBTV2.js";
import "./chunk-ZQEHRCAC.js";
import "./chunk-2T7D4BFK.js";
import "./chunk-VF6QJMNP.js";
import "./chunk-HME7MDZD.js";
import "./chunk-X2CPFFEF.js";
import "./chunk-GEHZM6I7.js";
import "./chunk-4TGYKUN4.js";
import "./chunk-HVBOXFPS.js";
import "./chunk-JEJGDMZV.js";
import "./chunk-R3JU4EVG.js";
import "./chunk-R7VB6IFH.js";
import "./chunk-YYVGN7B7.js";
import "./chunk-E2F53XKZ.js";
import "./chunk-XSXS6JZV.js";
import "./chunk-Z7NS7ZUO.js";
import "./chunk-NSMWYBW2.js";
import "./chunk-YYIHPHCX.js";
import "./chunk-H4K2N2UV.js";
import "./chunk-DBGDXXNI.js";
import "./chunk-UQVDOQX2.js";
import "./chunk-Y6AFSVNC.js";
import "./chunk-SEXDPIXC.js";
import "./chunk-W7PSUR2W.js";
import "./chunk-65U4WM43.js";
import "./chunk-XSSWW4V7.js";
import "./chunk-FFM2QZVY.js";
import "./chunk-LTYBISTW.js";
import "./chunk-RJWQ7O3S.js";
import "./chunk-NNJCSJBK.js";
import "./chunk-4W7FL7Y6.js";
import "./chunk-LHRNZXWF.js";
export {
  group,
  groupOutput
};
