-- lookups are choice lists for the order form: a model parameter
-- names the lookup offering its usual values with the JSON Schema annotation
-- "x-lookup" (validators ignore unknown keywords); the form shows those of the
-- values the parameter's schema accepts as one-click picks.
update public.models
set parameter_schema = jsonb_set(jsonb_set(parameter_schema,
      '{properties,width,x-lookup}', '"image_sizes"'),
      '{properties,height,x-lookup}', '"image_sizes"')
where provider_id = 'offline' and model_id = 'pattern-v1';
