export { adoptionWorkflow } from './adoption';
export { diariumWorkflow } from './diarium';
