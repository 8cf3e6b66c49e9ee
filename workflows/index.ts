import '../domain/zod-locale';
export { adoptionWorkflow } from './adoption';
export { diariumWorkflow } from './diarium';
export { meetingPlanWorkflow } from './meeting-plan';
export { onboardingWorkflow } from './onboarding';
export { bulkOperationWorkflow } from './bulk-operation';
export { registryWorkflow } from './registry';
export { foredragningslistaWorkflow } from './foredragningslista';
export { programmeRatesWorkflow } from './programme-rates';
