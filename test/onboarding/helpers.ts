/** Small helpers of the onboarding tests (kept here so that the workflow tests need no web app). */
export { eventually } from '../support/eventually';
