import '../domain/zod-locale';
export { adoptionWorkflow } from './adoption';
export { diariumWorkflow } from './diarium';
