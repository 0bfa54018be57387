-- Argo CD health check for marketplace.exomarket.io/ManagedServiceInstance.
-- Condition semantics (operator/.../reconciler/StatusComposer.java, kstatus-compatible):
--   Stalled=True     state Failed (OfferingNotFound, PlanNotFound, InvalidParameters, ReconcileError)
--   Ready=True       state Ready, or state Suspended (then reason "Suspended")
--   Suspended=True   spec.suspended (reason Suspending while scaling down, Suspended once done)
--   Reconciling=True any transition (Provisioning, Updating, Suspending, Resuming, Deleting)
-- Every condition carries observedGeneration; status.observedGeneration lags a new spec until the
-- operator has seen it.
local hs = {}

local function condition(obj, condType)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == condType then
      return c
    end
  end
  return nil
end

local function nonEmpty(text)
  if text ~= nil and text ~= "" then
    return text
  end
  return nil
end

-- The operator's own summary (status.message) first, then the condition's message.
local function message(obj, cond, fallback)
  return nonEmpty(obj.status.message) or (cond ~= nil and nonEmpty(cond.message)) or fallback
end

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe the instance"
  return hs
end

if obj.metadata ~= nil and obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(obj.metadata.generation)
  return hs
end

local stalled = condition(obj, "Stalled")
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  local reason = nonEmpty(stalled.reason) or "Stalled"
  local text = message(obj, stalled, nil)
  if text ~= nil then
    hs.message = reason .. ": " .. text
  else
    hs.message = reason
  end
  return hs
end

local ready = condition(obj, "Ready")
local suspended = condition(obj, "Suspended")
if suspended ~= nil and suspended.status == "True" and ready ~= nil and ready.status == "True"
    and ready.reason == "Suspended" then
  hs.status = "Suspended"
  hs.message = message(obj, suspended, "Suspended: workload scaled to zero, data kept")
  return hs
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = message(obj, ready, "Ready")
  return hs
end

hs.status = "Progressing"
hs.message = message(obj, condition(obj, "Reconciling"), "Reconciling")
return hs
