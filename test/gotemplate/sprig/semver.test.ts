// Masterminds/semver v3.2.0 constraints and versions through semver/semverCompare.
// Expected values: real Go 1.19 + Sprig 3.2.3 (the oracle), for the same templates.
import test from 'ava';
import { checkCases, type OracleCase } from './oracle-cases.js';

const CASES: OracleCase[] = [
  { template: "{{ semverCompare \"1.2.x\" \"1.2.9\" }} {{ semverCompare \"1.x\" \"1.9.0\" }} {{ semverCompare \"*\" \"1.0.0-alpha\" }} {{ semverCompare \">=1.2.3-0\" \"1.2.3-alpha\" }} {{ semverCompare \"1.2.3 - 1.4.5\" \"1.4.5\" }} {{ semverCompare \">1.2, <2\" \"1.5\" }} {{ semverCompare \">1.2 <2\" \"1.5\" }} {{ semverCompare \"<1.0 || >=2.0\" \"2.1\" }} {{ semverCompare \"!=1.2.x\" \"1.2.5\" }} {{ semverCompare \"!=1.2.x\" \"1.3.5\" }} {{ semverCompare \"^0.2.3\" \"0.2.9\" }} {{ semverCompare \"^0.2.3\" \"0.3.0\" }} {{ semverCompare \"^0.0.3\" \"0.0.4\" }} {{ semverCompare \"~1\" \"1.9.9\" }} {{ semverCompare \"~1.2\" \"1.3.0\" }} {{ semverCompare \"<=1.2\" \"1.2.9\" }} {{ semverCompare \">1.2\" \"1.2.9\" }} {{ semverCompare \">1.x\" \"2.0.0\" }} {{ semverCompare \"=v1.2.3\" \"1.2.3+meta\" }} {{ semverCompare \"~>1.2.3\" \"1.2.9\" }} {{ semverCompare \"=>1.2\" \"1.2.0\" }} {{ semverCompare \"=<1.2\" \"1.2.0\" }}", output: "true true false true true true true true false true true false false true false true false true true true true true" },
  { template: "{{ semverCompare \">= 1.24.0-0\" \"1.24.0-alpha.1\" }} {{ semverCompare \">=1.24\" \"v1.24.3\" }} {{ semverCompare \"1.24\" \"1.24.7\" }} {{ semverCompare \">1.0.0-beta.2\" \"1.0.0-beta.11\" }} {{ semverCompare \">1.0.0-alpha\" \"1.0.0-alpha.1\" }} {{ semverCompare \"<1.0.0-rc.1\" \"1.0.0-beta\" }} {{ semverCompare \">1.0.0-1\" \"1.0.0-a\" }}", output: "true true true true true true true" },
  { template: "{{ semverCompare \"1.2.3\" \"1.2\" }} {{ semverCompare \"x\" \"0.0.1\" }}", output: "false true" },
  { template: "{{ semverCompare \"\" \"1.2.3\" }}", error: "template: inject:1:3: executing \"inject\" at <semverCompare \"\" \"1.2.3\">: error calling semverCompare: improper constraint: " },
  { template: "{{ semverCompare \">=1.2.3\" \"01.2.3\" }}", output: "true" },
  { template: "{{ semverCompare \">=1.2.3\" \"1.2.3-01\" }}", error: "template: inject:1:3: executing \"inject\" at <semverCompare \">=1.2.3\" \"1.2.3-01\">: error calling semverCompare: Version segment starts with 0" },
  { template: "{{ semverCompare \">=a\" \"1.2.3\" }}", error: "template: inject:1:3: executing \"inject\" at <semverCompare \">=a\" \"1.2.3\">: error calling semverCompare: improper constraint: >=a" },
  { template: "{{ semver \"v1.2\" }} {{ (semver \"1.2.3-rc.1+build.5\").Metadata }} {{ (semver \"v1.2.3\").Original }} {{ (semver \"1.2.3\").IncMinor }} {{ (semver \"1.2.3-x\").IncPatch }} {{ typeOf (semver \"1.0.0\") }} {{ kindOf (semver \"1.0.0\") }} {{ toJson (semver \"1.0.0\") }} {{ (semver \"1.2.3\").LessThan (semver \"1.2.4\") }}", output: "1.2.0 build.5 v1.2.3 1.3.0 1.2.3 *semver.Version ptr \"1.0.0\" true" },
  { template: "{{ semver \"18446744073709551616.0.0\" }}", error: "template: inject:1:3: executing \"inject\" at <semver \"18446744073709551616.0.0\">: error calling semver: Error parsing version segment: strconv.ParseUint: parsing \"18446744073709551616\": value out of range" },
  { template: "{{ semverCompare \"~0.0.0\" \"0.5.0\" }} {{ semverCompare \"^0.x\" \"0.5.0\" }} {{ semverCompare \"^0\" \"1.0.0\" }} {{ semverCompare \"~0\" \"0.9.0\" }} {{ semverCompare \">= 1.0, < 2.0 || >= 3.0\" \"3.1\" }}", output: "true true false true true" },
];

test('semver: Go and Sprig print these', (t) => checkCases(t, CASES));
