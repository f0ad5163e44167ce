/**
 * What a compose service needs to run hardened (images/needs.ts), with the Dockerfile it builds as the project layer
 * read it from the workspace. Computed for fixes, hovers and the posture report, once per service and analysis.
 */
import { builtImageFacts } from '../images/built-image';
import { imageProfile } from '../images/lookup';
import { serviceNeeds, type ServiceNeeds } from '../images/needs';
import type { ResolvedProfile } from '../images/profile';
import { builtDockerfile } from './built-dockerfile';
import type { ComposeModel, ComposeService } from './model';
import { relativeTo } from './paths';
import { rootStage } from '../dockerfile/model';
import { lastInChain } from '../dockerfile/runtime';

const computed = new WeakMap<ComposeService, ServiceNeeds>();

export function needsOf(model: ComposeModel, service: ComposeService): ServiceNeeds {
  let needs = computed.get(service);
  if (!needs) {
    const { spec } = service;
    const built = builtDockerfile(model, spec, true);
    const facts =
      built &&
      builtImageFacts({
        model: built.model,
        stage: built.stage,
        context: built.context,
        fileText: (path) => model.builtFiles?.get(path),
      });
    needs = serviceNeeds({
      spec,
      imageProfile: profileOfService(service),
      ...(facts ? { built: facts } : {}),
      describePath: (path) =>
        path.endsWith('#dockerfile_inline') ? 'its `dockerfile_inline`' : relativeTo(model.path, path),
    });
    computed.set(service, needs);
  }
  return needs;
}

/**
 * The profile of what a service runs, read cheaply enough for a check: the image it names, or the image its Dockerfile
 * builds on while the Dockerfile keeps that image's entrypoint.
 */
export function runningProfile(model: ComposeModel, service: ComposeService): ResolvedProfile | undefined {
  if (!service.spec.build) return profileOfService(service);
  const built = builtDockerfile(model, service.spec);
  if (!built || lastInChain(built.stage, 'ENTRYPOINT')) return undefined;
  return imageProfile(rootStage(built.stage).image);
}

/** The profile of the image a service names, when it builds nothing (a built image runs its own Dockerfile). */
export function profileOfService(service: ComposeService): ResolvedProfile | undefined {
  const { spec } = service;
  if (spec.build) return undefined;
  return imageProfile(spec.image?.value);
}
